package io.conversa.core.channel.whatsapp;

import java.util.UUID;

/**
 * An outgoing message's status as it just changed: {@code SENT} (the Cloud API took it),
 * {@code DELIVERED}, {@code READ} or {@code FAILED} (with the Cloud API's code and text).
 */
record StatusChange(long messageId, UUID tenantId, UUID conversationId, String kind, String status, String waMessageId,
        Integer errorCode, String errorMessage) {

    /** Read receipts are outbox rows too, but no message anyone sees. */
    boolean isMessage() {
        return "MESSAGE".equals(kind);
    }
}
