package io.conversa.engine.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;
import java.util.function.UnaryOperator;

/** Image, video, audio, document or sticker, by {@code link} (a URL) or an uploaded media {@code id}. */
public record Media(Kind type, String link, String id, String caption, String filename) implements OutgoingMessage {

    public enum Kind {
        @JsonProperty("image") IMAGE,
        @JsonProperty("video") VIDEO,
        @JsonProperty("audio") AUDIO,
        @JsonProperty("document") DOCUMENT,
        @JsonProperty("sticker") STICKER;

        /** Audio and stickers cannot carry a caption. */
        public boolean takesCaption() {
            return this == IMAGE || this == VIDEO || this == DOCUMENT;
        }
    }

    @Override
    public Media render(UnaryOperator<String> renderer) {
        return new Media(type, link == null ? null : renderer.apply(link), id,
                caption == null ? null : renderer.apply(caption), filename);
    }

    @Override
    public List<Field> templates() {
        List<Field> fields = new ArrayList<>();
        if (link != null) {
            fields.add(new Field("link", link));
        }
        if (caption != null) {
            fields.add(new Field("caption", caption));
        }
        return fields;
    }

    @Override
    public List<FieldProblem> check() {
        return new Checks()
                .check((link == null || link.isBlank()) != (id == null || id.isBlank()), "link", "media.link-or-id")
                .check(caption == null || type.takesCaption(), "caption", "media.no-caption", type)
                .maxLength("caption", caption, Limits.CAPTION)
                .problems();
    }
}
