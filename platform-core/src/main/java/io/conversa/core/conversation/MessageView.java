package io.conversa.core.conversation;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One message of a conversation, either way. Outgoing ones carry their delivery status
 * ({@code PENDING}, {@code SENDING}, {@code SENT}, {@code DELIVERED}, {@code READ},
 * {@code FAILED}) and, when failed, the Cloud API's error code and text. {@code replyTo} is the
 * WhatsApp id of the message it quotes, if any. {@code at} is when its author sent it (for a
 * customer's message, WhatsApp's timestamp), {@code recordedAt} when Conversa stored it.
 * {@code origin}: {@code CUSTOMER}, {@code FLOW} (the bot), {@code AGENT} (with {@code authorId}) or {@code API}.
 */
public record MessageView(String direction, OffsetDateTime at, OffsetDateTime recordedAt, String type, Map<String, Object> content, String status,
        String waMessageId, Integer errorCode, String errorMessage, String replyTo, String origin, UUID authorId) {
}
