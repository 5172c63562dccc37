package io.conversa.engine.message;

import io.conversa.engine.validation.Checks;
import java.util.ArrayList;
import java.util.List;

/** What buttons and lists share: an optional header and footer around a body. */
final class Interactive {

    private Interactive() {
    }

    /** The header, body and footer templates; the caller adds its options' fields. */
    static List<OutgoingMessage.Field> frameTemplates(String header, String body, String footer) {
        List<OutgoingMessage.Field> fields = new ArrayList<>();
        if (header != null) {
            fields.add(new OutgoingMessage.Field("header", header));
        }
        fields.add(new OutgoingMessage.Field("body", body));
        if (footer != null) {
            fields.add(new OutgoingMessage.Field("footer", footer));
        }
        return fields;
    }

    static Checks checkFrame(String header, String body, String footer) {
        return new Checks()
                .maxLength("header", header, Limits.HEADER_TEXT)
                .required("body", body).maxLength("body", body, Limits.INTERACTIVE_BODY)
                .maxLength("footer", footer, Limits.FOOTER);
    }
}
