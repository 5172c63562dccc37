package io.conversa.core.webhook;

import java.util.UUID;

/**
 * What one attempt to deliver an event did.
 *
 * @param outcome    {@code DELIVERED} (the receiver answered 2xx), {@code FAILED} or {@code DEAD_LETTER}
 * @param statusCode the receiver's answer, or null when none came (timeout, refused, reset)
 */
record DeliveryResult(UUID eventId, String eventType, String body, int attempt, String outcome, Integer statusCode,
        String error, int latencyMs) {

    boolean delivered() {
        return "DELIVERED".equals(outcome);
    }

    DeliveryResult deadLettered() {
        return new DeliveryResult(eventId, eventType, body, attempt, "DEAD_LETTER", statusCode, error, latencyMs);
    }
}
