package io.conversa.core.channel.whatsapp;

import io.conversa.core.conversation.Customer;
import io.conversa.engine.Event.InboundMessage;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the Cloud API's webhook envelope ({@code object}, {@code entry[].changes[].value} with
 * {@code metadata}, {@code contacts}, {@code messages}, {@code statuses}). Every message type the
 * Cloud API sends becomes an inbound message whose type-specific content sits in its attributes;
 * unknown fields are ignored, unknown types kept as they came.
 */
@Component
class WebhookParser {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final JsonMapper mapper = JsonMapper.builder().build();

    WebhookEnvelope parse(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedWebhookException("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhookException("The body must be a JSON object");
        }
        if (hasNulEscape(body)) {
            replaceNul(root);
        }
        if (!"whatsapp_business_account".equals(root.path("object").asString(null))) {
            throw new MalformedWebhookException("object must be \"whatsapp_business_account\"");
        }
        JsonNode entries = array(root, "entry", "entry");
        List<WebhookEnvelope.Change> changes = new ArrayList<>();
        List<TemplateStatusUpdate> templateStatuses = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            JsonNode entryChanges = array(entries.get(e), "changes", "entry[" + e + "].changes");
            for (int c = 0; c < entryChanges.size(); c++) {
                String at = "entry[" + e + "].changes[" + c + "]";
                JsonNode change = entryChanges.get(c);
                String field = change.path("field").asString("");
                if ("message_template_status_update".equals(field)) {
                    templateStatuses.add(templateStatus(entries.get(e).path("id").asString(null), change.path("value"), at));
                    continue;
                }
                if (!"messages".equals(field)) {
                    continue;
                }
                JsonNode value = change.path("value");
                if (!value.isObject()) {
                    throw new MalformedWebhookException(at + ".value must be an object");
                }
                changes.add(change(value, at));
            }
        }
        return new WebhookEnvelope(changes, templateStatuses);
    }

    private static TemplateStatusUpdate templateStatus(String wabaId, JsonNode value, String at) {
        if (!value.isObject()) {
            throw new MalformedWebhookException(at + ".value must be an object");
        }
        if (wabaId == null || wabaId.isBlank()) {
            throw new MalformedWebhookException(at + ": the entry's id (the business account) is missing");
        }
        JsonNode id = value.path("message_template_id");
        if (!id.isNumber() && !id.isString()) {
            throw new MalformedWebhookException(at + ".value.message_template_id is missing");
        }
        return new TemplateStatusUpdate(wabaId, id.asString(), text(value, "message_template_name", at + ".value"),
                text(value, "message_template_language", at + ".value"), text(value, "event", at + ".value"),
                value.path("reason").asString("NONE"));
    }

    private WebhookEnvelope.Change change(JsonNode value, String at) {
        Profiles profiles = profiles(value, at);
        List<WebhookEnvelope.CustomerMessage> messages = new ArrayList<>();
        JsonNode list = optionalArray(value, "messages", at + ".value.messages");
        for (int m = 0; m < list.size(); m++) {
            String messageAt = at + ".value.messages[" + m + "]";
            JsonNode message = list.get(m);
            messages.add(new WebhookEnvelope.CustomerMessage(customer(message, profiles, messageAt),
                    message(message, messageAt), optionalTime(message, messageAt)));
        }
        List<WebhookEnvelope.MessageStatus> statuses = new ArrayList<>();
        JsonNode statusList = optionalArray(value, "statuses", at + ".value.statuses");
        for (int s = 0; s < statusList.size(); s++) {
            statuses.add(status(statusList.get(s), at + ".value.statuses[" + s + "]"));
        }
        return new WebhookEnvelope.Change(value.path("metadata").path("phone_number_id").asString(null), messages, statuses);
    }

    /** The change's {@code contacts}, by phone number and by business-scoped user id. */
    private record Profiles(Map<String, JsonNode> byPhone, Map<String, JsonNode> byUserId) {

        JsonNode of(String phone, String userId) {
            JsonNode contact = phone == null ? null : byPhone.get(phone);
            return contact != null || userId == null ? contact : byUserId.get(userId);
        }
    }

    private Profiles profiles(JsonNode value, String at) {
        Map<String, JsonNode> byPhone = new HashMap<>();
        Map<String, JsonNode> byUserId = new HashMap<>();
        for (JsonNode contact : optionalArray(value, "contacts", at + ".value.contacts")) {
            String waId = blankToNull(contact.path("wa_id").asString(null));
            String userId = blankToNull(contact.path("user_id").asString(null));
            if (waId != null) {
                byPhone.put(waId, contact);
            }
            if (userId != null) {
                byUserId.put(userId, contact);
            }
        }
        return new Profiles(byPhone, byUserId);
    }

    /** Who sent a message: {@code from} (a phone number, empty for some username users) and {@code from_user_id}. */
    private static Customer customer(JsonNode message, Profiles profiles, String at) {
        String phone = blankToNull(message.path("from").asString(null));
        String userId = blankToNull(message.path("from_user_id").asString(null));
        JsonNode contact = profiles.of(phone, userId);
        if (contact != null) {
            userId = userId != null ? userId : blankToNull(contact.path("user_id").asString(null));
            phone = phone != null ? phone : blankToNull(contact.path("wa_id").asString(null));
        }
        if (phone == null && userId == null) {
            throw new MalformedWebhookException(at + " names no sender: from and from_user_id are both missing");
        }
        JsonNode profile = contact == null ? null : contact.path("profile");
        return new Customer(phone, userId, profile == null ? null : profile.path("name").asString(null),
                profile == null ? null : profile.path("username").asString(null));
    }

    private InboundMessage message(JsonNode message, String at) {
        String id = text(message, "id", at);
        String type = text(message, "type", at);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("timestamp", message.path("timestamp").asString(null));
        copy(message, "context", attributes, "context");
        copy(message, "referral", attributes, "referral");
        copy(message, "errors", attributes, "errors");
        String text = null;
        String replyId = null;
        String replyTitle = null;
        JsonNode content = message.path(type);
        switch (type) {
            case "text" -> text = content.path("body").asString(null);
            case "image", "video", "audio", "document", "sticker" -> {
                attributes.put("media", map(content));
                text = content.path("caption").asString(null);
            }
            case "location" -> attributes.put("location", map(content));
            case "contacts" -> attributes.put("contacts", objects(content, at + ".contacts"));
            case "interactive" -> {
                String kind = content.path("type").asString("");
                JsonNode reply = content.path(kind);
                switch (kind) {
                    case "button_reply", "list_reply" -> {
                        replyId = reply.path("id").asString(null);
                        replyTitle = reply.path("title").asString(null);
                        attributes.put("replyDescription", reply.path("description").asString(null));
                    }
                    case "nfm_reply" -> {
                        attributes.put("flowResponse", flowResponse(reply.path("response_json").asString("{}"), at));
                        text = reply.path("body").asString(null);
                    }
                    default -> attributes.put("interactive", map(content));
                }
            }
            case "button" -> {
                replyId = content.path("payload").asString(null);
                replyTitle = content.path("text").asString(null);
            }
            case "reaction" -> attributes.put("reaction", map(content));
            case "order" -> {
                attributes.put("order", map(content));
                text = content.path("text").asString(null);
            }
            case "system" -> {
                attributes.put("system", map(content));
                text = content.path("body").asString(null);
            }
            default -> {
                // unsupported or a type newer than this code: kept whole, for the inbox to show
                if (content.isObject()) {
                    attributes.put(type, map(content));
                }
            }
        }
        attributes.values().removeIf(Objects::isNull);
        return new InboundMessage(id, type, text, replyId, replyTitle, attributes);
    }

    private WebhookEnvelope.MessageStatus status(JsonNode status, String at) {
        Instant time = time(text(status, "timestamp", at), at);
        String recipient = blankToNull(status.path("recipient_id").asString(null));
        return new WebhookEnvelope.MessageStatus(text(status, "id", at),
                recipient != null ? recipient : blankToNull(status.path("recipient_user_id").asString(null)),
                text(status, "status", at), time,
                status.has("errors") ? objects(status.path("errors"), at + ".errors") : null,
                status.has("pricing") ? map(status.path("pricing")) : null);
    }

    private static Instant optionalTime(JsonNode node, String at) {
        String timestamp = node.path("timestamp").asString(null);
        return timestamp == null || timestamp.isBlank() ? null : time(timestamp, at);
    }

    private static Instant time(String epochSeconds, String at) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(epochSeconds.strip()));
        } catch (NumberFormatException | DateTimeException e) {
            throw new MalformedWebhookException(at + ".timestamp must be seconds since the epoch");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Whether the body spells {@code \u0000}: the only way U+0000 gets into valid JSON. Scans, copies nothing. */
    private static boolean hasNulEscape(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0' && body[i + 4] == '0'
                    && body[i + 5] == '0') {
                return true;
            }
        }
        return false;
    }

    /**
     * PostgreSQL stores no U+0000 in text or jsonb, and no person types it: it becomes U+FFFD, so
     * that one odd character never makes Meta's delivery fail again and again.
     */
    private static void replaceNul(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isString()) {
                    object.put(name, value.asString().replace('\0', '\uFFFD'));
                } else {
                    replaceNul(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isString()) {
                    array.set(i, array.stringNode(array.get(i).asString().replace('\0', '\uFFFD')));
                } else {
                    replaceNul(array.get(i));
                }
            }
        }
    }

    private Map<String, Object> flowResponse(String json, String at) {
        try {
            return mapper.readValue(json, MAP);
        } catch (JacksonException e) {
            throw new MalformedWebhookException(at + ".interactive.nfm_reply.response_json is not a JSON object");
        }
    }

    private void copy(JsonNode from, String field, Map<String, Object> to, String as) {
        if (from.has(field)) {
            to.put(as, mapper.convertValue(from.path(field), Object.class));
        }
    }

    private List<Map<String, Object>> objects(JsonNode node, String at) {
        if (!node.isArray() || !node.valueStream().allMatch(JsonNode::isObject)) {
            throw new MalformedWebhookException(at + " must be an array of objects");
        }
        return mapper.convertValue(node, LIST);
    }

    private Map<String, Object> map(JsonNode node) {
        return node.isObject() ? mapper.convertValue(node, MAP) : Map.of();
    }

    private static String text(JsonNode node, String field, String at) {
        String value = node.path(field).asString(null);
        if (value == null || value.isBlank()) {
            throw new MalformedWebhookException(at + "." + field + " is missing");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw new MalformedWebhookException(at + " must be an array");
        }
        return value;
    }

    private JsonNode optionalArray(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return mapper.createArrayNode();
        }
        if (!value.isArray()) {
            throw new MalformedWebhookException(at + " must be an array");
        }
        return value;
    }
}
