package io.conversa.engine.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A message the bot sends, in the Cloud API's own types. {@link #render} fills its
 * {@code {{variable}}} templates; {@link #templates} lists them for validation.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Text.class, name = "text"),
    @JsonSubTypes.Type(value = Media.class, names = {"image", "video", "audio", "document", "sticker"}),
    @JsonSubTypes.Type(value = Buttons.class, name = "buttons"),
    @JsonSubTypes.Type(value = ListMessage.class, name = "list"),
    @JsonSubTypes.Type(value = Location.class, name = "location"),
    @JsonSubTypes.Type(value = Contacts.class, name = "contacts"),
    @JsonSubTypes.Type(value = Template.class, name = "template"),
    @JsonSubTypes.Type(value = Reaction.class, name = "reaction")
})
public sealed interface OutgoingMessage permits Text, Media, Buttons, ListMessage, Location, Contacts, Template, Reaction {

    /** The message with its templates filled in; a message without templates is its own rendering. */
    default OutgoingMessage render(UnaryOperator<String> renderer) {
        return this;
    }

    /** Each template of the message, by its field path (e.g. {@code buttons[1].title}). */
    default List<Field> templates() {
        return List.of();
    }

    /** What breaks the Cloud API's rules, field by field; empty when the message can be sent. */
    List<FieldProblem> check();

    /** Reply options a customer can tap: buttons or list rows; empty for other messages. */
    default List<Option> options() {
        return List.of();
    }

    record Field(String path, String template) {
    }

    record Option(String id, String title) {
    }
}
