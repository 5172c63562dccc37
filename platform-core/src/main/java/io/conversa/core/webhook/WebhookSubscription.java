package io.conversa.core.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's outbound webhook as the API shows it (never its secret, which is shown once).
 *
 * @param status         {@code ACTIVE}, or {@code DISABLED} (with the reason) after persistent failure or by choice
 * @param deliveredUpTo  the position of the last event handled (delivered or dead-lettered)
 */
public record WebhookSubscription(UUID id, String url, List<String> events, String description, String status,
        String disabledReason, String deliveredUpTo, int deadLetters, OffsetDateTime createdAt) {

    /** The answer to creating one: the only time the secret is shown. */
    public record Created(WebhookSubscription subscription, String secret) {
    }

    /**
     * One delivery attempt, as the delivery log shows it.
     *
     * @param outcome {@code DELIVERED}, {@code FAILED} (retried later) or {@code DEAD_LETTER} (given up)
     */
    public record Attempt(long id, UUID eventId, String eventType, int attempt, String outcome, Integer statusCode,
            String error, int latencyMs, OffsetDateTime attemptedAt, String requestBody) {
    }
}
