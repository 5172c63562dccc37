package io.conversa.engine.message;

import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A pre-approved WhatsApp template (the only kind of message allowed outside the 24-hour
 * window), with its components as the Cloud API takes them.
 */
public record Template(String name, String language, List<Map<String, Object>> components) implements OutgoingMessage {

    /** A missing list is an empty one: checks say what it lacks, and nothing trips over a null. */
    public Template {
        components = components == null ? List.of() : components;
    }

    @Override
    public Template render(UnaryOperator<String> renderer) {
        return new Template(name, language, components == null ? null : components.stream()
                .map(c -> Values.renderStrings(c, renderer)).toList());
    }

    @Override
    public List<Field> templates() {
        return components == null ? List.of() : Values.strings("components", components);
    }

    @Override
    public List<FieldProblem> check() {
        return new Checks().required("name", name).required("language", language).problems();
    }
}
