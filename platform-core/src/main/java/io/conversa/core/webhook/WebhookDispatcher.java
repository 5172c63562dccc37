package io.conversa.core.webhook;

import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.background.Backoff;
import io.conversa.core.background.PollingWorkers;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.WebhookSubscriptionsRecord;
import io.conversa.core.event.Event;
import io.conversa.core.event.EventFeed;
import io.conversa.core.event.EventLog;
import io.conversa.core.event.EventPosition;
import io.conversa.core.event.EventType;
import io.conversa.core.security.SecretCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers each subscription's events in order, at least once: a worker (of any process) leases a
 * subscription with an event waiting, posts its events one by one and moves its position after
 * each delivery. A failed event is retried with exponential backoff and jitter and holds back the
 * ones after it; once it has failed for {@code giveUpAfter} it is dead-lettered (kept in the
 * delivery log, redeliverable) and the subscription moves on; too many dead letters in a row
 * disable it. A crash mid-delivery leaves the lease to expire: the event is delivered again.
 * Workers poll ({@code poll-interval}) rather than wake on every committed event: a wake-up per
 * commit costs every message on the hot path a query, for deliveries that are asynchronous anyway.
 */
@Component
class WebhookDispatcher extends PollingWorkers {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;

    private final Transactions transactions;
    private final WebhookSubscriptionRepository subscriptions;
    private final EventFeed feed;
    private final WebhookClient client;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final WebhookProperties properties;
    private final Backoff backoff;
    private final EventLog events;
    private final AuditLog auditLog;
    private final Clock clock;

    WebhookDispatcher(Transactions transactions, WebhookSubscriptionRepository subscriptions, EventFeed feed,
            WebhookClient client, SecretCipher cipher, JsonMapper json, WebhookProperties properties, EventLog events,
            AuditLog auditLog, Clock clock) {
        super("webhook-dispatcher", properties.workers(), properties.pollInterval());
        this.transactions = transactions;
        this.subscriptions = subscriptions;
        this.feed = feed;
        this.client = client;
        this.cipher = cipher;
        this.json = json;
        this.properties = properties;
        this.backoff = new Backoff(properties.firstRetry(), properties.maxRetry());
        this.events = events;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Override
    protected boolean workOnce() {
        OffsetDateTime now = now();
        Optional<WebhookSubscriptionsRecord> leased = transactions.asSystem(() -> subscriptions.leaseDue(now, now.plus(properties.lease())));
        leased.ifPresent(this::deliver);
        return leased.isPresent();
    }

    private void deliver(WebhookSubscriptionsRecord subscription) {
        String secret = cipher.decrypt(subscription.getSecret());
        EventPosition position = new EventPosition(subscription.getPositionTxid(), subscription.getPositionId());
        int attempts = subscription.getAttempts();
        int deadLetters = subscription.getDeadLetters();
        OffsetDateTime stopBy = now().plus(properties.lease().dividedBy(2));
        List<Event> events = feed.after(subscription.getTenantId(), position, List.of(subscription.getEvents()), BATCH);
        for (Event event : events) {
            String body = json.writeValueAsString(event);
            DeliveryResult result = client.post(subscription.getUrl(), secret, event.id(), event.type(), body, attempts + 1);
            EventPosition at = EventPosition.parse(event.position());
            if (result.delivered()) {
                record(subscription, result, () -> subscriptions.advance(subscription.getId(), at, false, 0));
                attempts = 0;
                deadLetters = 0;
            } else if (event.occurredAt().plus(properties.giveUpAfter()).isBefore(now())) {
                int soFar = deadLetters;
                record(subscription, result.deadLettered(), () -> subscriptions.advance(subscription.getId(), at, true, soFar));
                deadLetters++;
                attempts = 0;
                if (deadLetters >= properties.disableAfterDeadLetters()) {
                    disable(subscription, deadLetters);
                    return;
                }
            } else {
                int tried = attempts + 1;
                record(subscription, result, () -> subscriptions.retryAt(subscription.getId(), tried,
                        now().plus(backoff.after(tried - 1))));
                return;
            }
            if (now().isAfter(stopBy)) {
                break;
            }
        }
        transactions.inTenant(subscription.getTenantId(), () -> {
            subscriptions.release(subscription.getId());
            return null;
        });
    }

    private void record(WebhookSubscriptionsRecord subscription, DeliveryResult result, Runnable then) {
        recordOutcome(() -> transactions.inTenant(subscription.getTenantId(), () -> {
            subscriptions.addAttempt(subscription.getTenantId(), subscription.getId(), result);
            then.run();
            return null;
        }));
    }

    private void disable(WebhookSubscriptionsRecord subscription, int deadLetters) {
        String reason = deadLetters + " events in a row could not be delivered within " + properties.giveUpAfter().toHours()
                + " hours; fix the receiver, then re-enable the subscription.";
        log.warn("Disabled webhook subscription {} of tenant {} ({}): {}", subscription.getId(), subscription.getTenantId(),
                subscription.getUrl(), reason);
        // The owners learn it where they look: the event stream (and the console's notices), and the audit log.
        transactions.inTenant(subscription.getTenantId(), () -> {
            subscriptions.disable(subscription.getId(), reason);
            events.record(subscription.getTenantId(), EventType.WEBHOOK_SUBSCRIPTION_DISABLED, null, Map.of(
                    "subscriptionId", subscription.getId(), "url", subscription.getUrl(), "reason", reason));
            auditLog.recordBySystem(subscription.getTenantId(), AuditAction.WEBHOOK_SUBSCRIPTION_DISABLED,
                    subscription.getId().toString(), Map.of("url", subscription.getUrl(), "reason", reason));
            return null;
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
