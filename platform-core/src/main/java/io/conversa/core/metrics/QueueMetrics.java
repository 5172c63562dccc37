package io.conversa.core.metrics;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.EVENTS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_SUBSCRIPTIONS;

import io.conversa.core.background.PollingWorkers;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.WebhookSubscriptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * What an operator scales on, as Prometheus gauges read every 15 seconds: messages waiting in
 * the inbox (per tenant) and in the outbox (per tenant and number), each with the age of the
 * oldest, and webhook subscriptions retrying a delivery (per tenant).
 */
@Component
class QueueMetrics extends PollingWorkers {

    private final Transactions transactions;
    private final DSLContext dsl;
    private final Clock clock;
    private final MultiGauge inboxDepth;
    private final MultiGauge inboxOldest;
    private final MultiGauge outboxDepth;
    private final MultiGauge outboxOldest;
    private final MultiGauge webhooksRetrying;
    private final MultiGauge webhookDeliveriesPending;

    QueueMetrics(Transactions transactions, DSLContext dsl, MeterRegistry registry, Clock clock) {
        super("queue-metrics", 1, Duration.ofSeconds(15));
        this.transactions = transactions;
        this.dsl = dsl;
        this.clock = clock;
        inboxDepth = MultiGauge.builder("conversa.inbox.pending").description("Events waiting to be processed")
                .register(registry);
        inboxOldest = MultiGauge.builder("conversa.inbox.oldest.age").baseUnit("seconds")
                .description("Age of the oldest event waiting to be processed").register(registry);
        outboxDepth = MultiGauge.builder("conversa.outbox.pending").description("Messages waiting to be sent")
                .register(registry);
        outboxOldest = MultiGauge.builder("conversa.outbox.oldest.age").baseUnit("seconds")
                .description("Age of the oldest message waiting to be sent").register(registry);
        webhooksRetrying = MultiGauge.builder("conversa.webhooks.retrying")
                .description("Webhook subscriptions retrying a delivery").register(registry);
        webhookDeliveriesPending = MultiGauge.builder("conversa.webhooks.deliveries.pending")
                .description("Events that active webhook subscriptions have yet to deliver").register(registry);
    }

    @Override
    protected boolean workOnce() {
        refresh();
        return false;
    }

    /** Reads the queues now. */
    void refresh() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        transactions.asSystem(() -> {
            var inbox = dsl.select(INBOX.TENANT_ID, CONVERSATIONS.CHANNEL_ID, DSL.count(), DSL.min(INBOX.RECEIVED_AT))
                    .from(INBOX).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(INBOX.CONVERSATION_ID))
                    .where(INBOX.PROCESSED_AT.isNull()).groupBy(INBOX.TENANT_ID, CONVERSATIONS.CHANNEL_ID).fetch();
            inboxDepth.register(inbox.map(r -> MultiGauge.Row.of(tags(r.value1(), r.value2()), r.value3())), true);
            inboxOldest.register(inbox.map(r -> MultiGauge.Row.of(tags(r.value1(), r.value2()), age(r.value4(), now))), true);
            var outbox = dsl.select(OUTBOX.TENANT_ID, CONVERSATIONS.CHANNEL_ID, DSL.count(), DSL.min(OUTBOX.CREATED_AT))
                    .from(OUTBOX).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(OUTBOX.CONVERSATION_ID))
                    .where(OUTBOX.STATUS.eq("PENDING")).groupBy(OUTBOX.TENANT_ID, CONVERSATIONS.CHANNEL_ID).fetch();
            outboxDepth.register(outbox.map(r -> MultiGauge.Row.of(tags(r.value1(), r.value2()), r.value3())), true);
            outboxOldest.register(outbox.map(r -> MultiGauge.Row.of(tags(r.value1(), r.value2()), age(r.value4(), now))), true);
            var retrying = dsl.select(WEBHOOK_SUBSCRIPTIONS.TENANT_ID, DSL.count()).from(WEBHOOK_SUBSCRIPTIONS)
                    .where(WEBHOOK_SUBSCRIPTIONS.STATUS.eq("ACTIVE"), WEBHOOK_SUBSCRIPTIONS.ATTEMPTS.gt(0))
                    .groupBy(WEBHOOK_SUBSCRIPTIONS.TENANT_ID).fetch();
            webhooksRetrying.register(retrying.map(r -> MultiGauge.Row.of(Tags.of("tenant", r.value1().toString()), r.value2())),
                    true);
            WebhookSubscriptions s = WEBHOOK_SUBSCRIPTIONS;
            var undelivered = dsl.select(s.TENANT_ID, DSL.count()).from(s).join(EVENTS).on(EVENTS.TENANT_ID.eq(s.TENANT_ID),
                            DSL.row(EVENTS.TXID, EVENTS.ID).gt(s.POSITION_TXID, s.POSITION_ID), EVENTS.TYPE.eq(DSL.any(s.EVENTS)))
                    .where(s.STATUS.eq("ACTIVE")).groupBy(s.TENANT_ID).fetch();
            webhookDeliveriesPending.register(undelivered.map(r -> MultiGauge.Row.of(Tags.of("tenant", r.value1().toString()), r.value2())),
                    true);
            return null;
        });
    }

    private static Tags tags(UUID tenantId, UUID channelId) {
        return Tags.of("tenant", tenantId.toString(), "channel", channelId.toString());
    }

    private static double age(OffsetDateTime oldest, OffsetDateTime now) {
        return Duration.between(oldest, now).toMillis() / 1000.0;
    }
}
