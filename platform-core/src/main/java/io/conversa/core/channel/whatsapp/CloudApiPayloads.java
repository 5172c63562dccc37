package io.conversa.core.channel.whatsapp;

import io.conversa.core.conversation.Customer;
import io.conversa.engine.message.Buttons;
import io.conversa.engine.message.Contacts;
import io.conversa.engine.message.ListMessage;
import io.conversa.engine.message.Location;
import io.conversa.engine.message.Media;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Reaction;
import io.conversa.engine.message.Template;
import io.conversa.engine.message.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /{phone-number-id}/messages} for each message type, as the Cloud API takes it. */
final class CloudApiPayloads {

    private CloudApiPayloads() {
    }

    /**
     * A message; {@code replyTo} (or null) is the WhatsApp id of the message it quotes. A customer
     * known only by their business-scoped user id is addressed by {@code recipient}, not {@code to}.
     */
    static Map<String, Object> of(String waId, OutgoingMessage message, String replyTo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put(Customer.isPhoneNumber(waId) ? "to" : "recipient", waId);
        if (replyTo != null) {
            body.put("context", Map.of("message_id", replyTo));
        }
        switch (message) {
            case Text text -> {
                body.put("type", "text");
                body.put("text", Map.of("body", text.body(), "preview_url", text.previewUrl()));
            }
            case Media media -> {
                String type = media.type().name().toLowerCase();
                Map<String, Object> content = new LinkedHashMap<>();
                putIfPresent(content, "link", media.link());
                putIfPresent(content, "id", media.id());
                putIfPresent(content, "caption", media.caption());
                putIfPresent(content, "filename", media.filename());
                body.put("type", type);
                body.put(type, content);
            }
            case Buttons buttons -> {
                Map<String, Object> interactive = interactive("button", buttons.header(), buttons.body(), buttons.footer());
                interactive.put("action", Map.of("buttons", buttons.buttons().stream()
                        .map(b -> Map.of("type", "reply", "reply", Map.of("id", b.id(), "title", b.title()))).toList()));
                body.put("type", "interactive");
                body.put("interactive", interactive);
            }
            case ListMessage list -> {
                Map<String, Object> interactive = interactive("list", list.header(), list.body(), list.footer());
                interactive.put("action", Map.of("button", list.button(), "sections", list.sections().stream()
                        .map(s -> {
                            Map<String, Object> section = new LinkedHashMap<>();
                            putIfPresent(section, "title", s.title());
                            section.put("rows", s.rows().stream().map(r -> {
                                Map<String, Object> row = new LinkedHashMap<>();
                                row.put("id", r.id());
                                row.put("title", r.title());
                                putIfPresent(row, "description", r.description());
                                return row;
                            }).toList());
                            return section;
                        }).toList()));
                body.put("type", "interactive");
                body.put("interactive", interactive);
            }
            case Location location -> {
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("latitude", location.latitude());
                content.put("longitude", location.longitude());
                putIfPresent(content, "name", location.name());
                putIfPresent(content, "address", location.address());
                body.put("type", "location");
                body.put("location", content);
            }
            case Contacts contacts -> {
                body.put("type", "contacts");
                body.put("contacts", contacts.contacts().stream().map(c -> Map.of(
                        "name", Map.of("formatted_name", c.formattedName()),
                        "phones", c.phones().stream().map(p -> Map.of("phone", p)).toList(),
                        "emails", c.emails().stream().map(e -> Map.of("email", e)).toList()))
                        .toList());
            }
            case Template template -> {
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("name", template.name());
                content.put("language", Map.of("code", template.language()));
                if (template.components() != null) {
                    content.put("components", template.components());
                }
                body.put("type", "template");
                body.put("template", content);
            }
            case Reaction reaction -> {
                body.put("type", "reaction");
                body.put("reaction", Map.of("message_id", reaction.messageId(), "emoji", reaction.emoji()));
            }
        }
        return body;
    }

    /** Marks a customer's message (and the ones before it) read; {@code typing} also shows "typing..." until the reply. */
    static Map<String, Object> readReceipt(String messageId, boolean typing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("status", "read");
        body.put("message_id", messageId);
        if (typing) {
            body.put("typing_indicator", Map.of("type", "text"));
        }
        return body;
    }

    private static Map<String, Object> interactive(String type, String header, String body, String footer) {
        Map<String, Object> interactive = new LinkedHashMap<>();
        interactive.put("type", type);
        if (header != null) {
            interactive.put("header", Map.of("type", "text", "text", header));
        }
        interactive.put("body", Map.of("text", body));
        if (footer != null) {
            interactive.put("footer", Map.of("text", footer));
        }
        return interactive;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
