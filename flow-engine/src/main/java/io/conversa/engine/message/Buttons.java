package io.conversa.engine.message;

import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;
import java.util.function.UnaryOperator;

/** An interactive message with up to three reply buttons. */
public record Buttons(String header, String body, String footer, List<Button> buttons) implements OutgoingMessage {

    /** A missing list is an empty one: checks say what it lacks, and nothing trips over a null. */
    public Buttons {
        buttons = buttons == null ? List.of() : buttons;
    }

    public record Button(String id, String title) {
    }

    @Override
    public Buttons render(UnaryOperator<String> renderer) {
        return new Buttons(header == null ? null : renderer.apply(header), renderer.apply(body),
                footer == null ? null : renderer.apply(footer),
                buttons.stream().map(b -> new Button(b.id(), renderer.apply(b.title()))).toList());
    }

    @Override
    public List<Field> templates() {
        List<Field> fields = Interactive.frameTemplates(header, body, footer);
        for (int i = 0; i < buttons.size(); i++) {
            fields.add(new Field("buttons[" + i + "].title", buttons.get(i).title()));
        }
        return fields;
    }

    @Override
    public List<Option> options() {
        return buttons.stream().map(b -> new Option(b.id(), b.title())).toList();
    }

    @Override
    public List<FieldProblem> check() {
        Checks checks = Interactive.checkFrame(header, body, footer)
                .count("buttons", buttons, 1, Limits.BUTTONS)
                .unique("buttons", buttons, Button::id)
                .unique("buttons", buttons, b -> b.title() == null ? null : b.title().strip().toLowerCase());
        for (int i = 0; buttons != null && i < buttons.size(); i++) {
            Button button = buttons.get(i);
            checks.required("buttons[" + i + "].id", button.id()).maxLength("buttons[" + i + "].id", button.id(), Limits.REPLY_ID)
                    .required("buttons[" + i + "].title", button.title())
                    .maxLength("buttons[" + i + "].title", button.title(), Limits.BUTTON_TITLE);
        }
        return checks.problems();
    }
}
