package io.conversa.engine.validation;

/** What is wrong with one field of a node's data, e.g. {@code message.buttons[3]}. */
public record FieldProblem(String field, String message) {

    public FieldProblem under(String prefix) {
        return new FieldProblem(field.isEmpty() ? prefix : prefix + "." + field, message);
    }
}
