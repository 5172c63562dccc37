package io.conversa.core.template;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template of a WhatsApp Business Account, as the Graph API describes it.
 *
 * @param status           PENDING, APPROVED, REJECTED, PAUSED, DISABLED, ... (only APPROVED ones can be sent)
 * @param components       HEADER, BODY, FOOTER, BUTTONS, as Meta lists them
 * @param headerParameters the placeholders ({@code {{1}}}, {@code {{name}}}) of a text header, in order
 * @param bodyParameters   the placeholders of the body, in order
 */
public record MessageTemplate(UUID id, String waTemplateId, String name, String language, String category, String status,
        List<Map<String, Object>> components, List<String> headerParameters, List<String> bodyParameters,
        String rejectedReason, OffsetDateTime updatedAt) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    public boolean approved() {
        return "APPROVED".equals(status);
    }

    static MessageTemplate of(UUID id, String waTemplateId, String name, String language, String category, String status,
            List<Map<String, Object>> components, String rejectedReason, OffsetDateTime updatedAt) {
        return new MessageTemplate(id, waTemplateId, name, language, category, status, components,
                placeholders(text(components, "HEADER")), placeholders(text(components, "BODY")), rejectedReason, updatedAt);
    }

    /** The body's text, placeholders and all. */
    public String bodyText() {
        return text(components, "BODY");
    }

    /** The text of a component (BODY, FOOTER, a TEXT HEADER), or null. */
    static String text(List<Map<String, Object>> components, String type) {
        return components.stream()
                .filter(c -> type.equalsIgnoreCase(String.valueOf(c.get("type")))
                        && "TEXT".equalsIgnoreCase(String.valueOf(c.getOrDefault("format", "TEXT"))))
                .map(c -> c.get("text") instanceof String text ? text : null).filter(t -> t != null).findFirst().orElse(null);
    }

    /** The distinct placeholders of a text, in order of appearance. */
    static List<String> placeholders(String text) {
        if (text == null) {
            return List.of();
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        return matcher.results().map(m -> m.group(1)).distinct().toList();
    }
}
