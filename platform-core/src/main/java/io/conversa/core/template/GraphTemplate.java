package io.conversa.core.template;

import java.util.List;
import java.util.Map;

/** A template as {@code /{waba-id}/message_templates} lists it. */
record GraphTemplate(String id, String name, String language, String category, String status,
        List<Map<String, Object>> components) {
}
