package io.conversa.core.webhook;

import io.conversa.core.background.RetentionCleaner;
import io.conversa.core.db.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Keeps the webhook delivery log to its retention ({@code conversa.webhooks.attempts-retention}, 30 days). */
@Component
class WebhookAttemptsCleaner extends RetentionCleaner {

    private final Transactions transactions;
    private final WebhookSubscriptionRepository subscriptions;

    WebhookAttemptsCleaner(Transactions transactions, WebhookSubscriptionRepository subscriptions,
            @Value("${conversa.webhooks.attempts-retention:30d}") Duration retention, Clock clock) {
        super("webhook-attempts-cleaner", retention, clock);
        this.transactions = transactions;
        this.subscriptions = subscriptions;
    }

    @Override
    protected int deleteOlderThan(OffsetDateTime before, int batch) {
        return transactions.asSystem(() -> subscriptions.deleteAttemptsOlderThan(before, batch));
    }
}
