package io.conversa.engine.message;

import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An emoji reaction to a message, usually the customer's: {@code messageId} is typically
 * {@code {{message.id}}}. An empty emoji removes the business's earlier reaction.
 */
public record Reaction(String messageId, String emoji) implements OutgoingMessage {

    @Override
    public Reaction render(UnaryOperator<String> renderer) {
        return new Reaction(messageId == null ? null : renderer.apply(messageId), emoji == null ? null : renderer.apply(emoji));
    }

    @Override
    public List<Field> templates() {
        List<Field> fields = new ArrayList<>();
        if (messageId != null) {
            fields.add(new Field("messageId", messageId));
        }
        if (emoji != null) {
            fields.add(new Field("emoji", emoji));
        }
        return fields;
    }

    @Override
    public List<FieldProblem> check() {
        return new Checks()
                .required("messageId", messageId)
                .check(emoji != null && graphemes(emoji) <= 1, "emoji", "reaction.emoji")
                .problems();
    }

    /** User-perceived characters: a flag or a skin-toned emoji is one, though several code points. */
    private static int graphemes(String text) {
        BreakIterator characters = BreakIterator.getCharacterInstance();
        characters.setText(text);
        int count = 0;
        while (characters.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }
}
