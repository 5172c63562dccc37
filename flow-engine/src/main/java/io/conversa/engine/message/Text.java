package io.conversa.engine.message;

import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;
import java.util.function.UnaryOperator;

public record Text(String body, Boolean previewUrl) implements OutgoingMessage {

    public Text {
        previewUrl = Boolean.TRUE.equals(previewUrl);
    }

    public Text(String body) {
        this(body, false);
    }

    @Override
    public Text render(UnaryOperator<String> renderer) {
        return new Text(renderer.apply(body), previewUrl);
    }

    @Override
    public List<Field> templates() {
        return List.of(new Field("body", body));
    }

    @Override
    public List<FieldProblem> check() {
        return new Checks().required("body", body).maxLength("body", body, Limits.TEXT_BODY).problems();
    }
}
