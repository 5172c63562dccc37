package io.conversa.engine.validation;

import java.util.Locale;

/** What is wrong with one field of a node's data, e.g. {@code message.buttons[3]}. */
public record FieldProblem(String field, ProblemText text) {

    public FieldProblem under(String prefix) {
        return new FieldProblem(field.isEmpty() ? prefix : prefix + "." + field, text);
    }

    /** In English. */
    public String message() {
        return text.in(Locale.ENGLISH);
    }
}
