package io.conversa.core.channel.whatsapp;

import io.conversa.engine.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What one webhook delivery carries, in Conversa's terms. */
record WebhookEnvelope(List<CustomerMessage> messages, List<MessageStatus> statuses) {

    /** A customer's message, with the profile name the same change reported for them. */
    record CustomerMessage(String waId, String profileName, Event.InboundMessage message) {
    }

    /** A status of a message Conversa sent: sent, delivered, read or failed. */
    record MessageStatus(String waMessageId, String recipientId, String status, Instant at,
            List<Map<String, Object>> errors, Map<String, Object> pricing) {
    }
}
