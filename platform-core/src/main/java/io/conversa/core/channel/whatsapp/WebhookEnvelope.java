package io.conversa.core.channel.whatsapp;

import io.conversa.core.conversation.Customer;
import io.conversa.engine.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one webhook delivery carries, in Conversa's terms, change by change: a delivery may hold
 * changes for several numbers of the same Meta app.
 */
record WebhookEnvelope(List<Change> changes, List<TemplateStatusUpdate> templateStatuses) {

    /**
     * One change of {@code field: messages}.
     *
     * @param phoneNumberId the number it is for ({@code metadata.phone_number_id}); null when the change did not say
     */
    record Change(String phoneNumberId, List<CustomerMessage> messages, List<MessageStatus> statuses) {
    }

    /**
     * A customer's message, with what the same change reported of them.
     *
     * @param customer who wrote: by phone number, business-scoped user id, or both
     * @param sentAt   when the customer sent it (WhatsApp's timestamp); null if the message did not say
     */
    record CustomerMessage(Customer customer, Event.InboundMessage message, Instant sentAt) {
    }

    /** A status of a message Conversa sent: sent, delivered, read or failed. */
    record MessageStatus(String waMessageId, String recipientId, String status, Instant at,
            List<Map<String, Object>> errors, Map<String, Object> pricing) {
    }
}
