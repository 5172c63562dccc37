package io.conversa.core.webhook;

import static io.conversa.core.db.jooq.Tables.EVENTS;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_ATTEMPTS;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_SUBSCRIPTIONS;

import io.conversa.core.db.jooq.tables.records.WebhookAttemptsRecord;
import io.conversa.core.db.jooq.tables.records.WebhookSubscriptionsRecord;
import io.conversa.core.event.EventPosition;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class WebhookSubscriptionRepository {

    private final DSLContext dsl;

    WebhookSubscriptionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(WebhookSubscriptionsRecord subscription) {
        dsl.executeInsert(subscription);
    }

    List<WebhookSubscriptionsRecord> list(UUID tenantId) {
        return dsl.selectFrom(WEBHOOK_SUBSCRIPTIONS).where(WEBHOOK_SUBSCRIPTIONS.TENANT_ID.eq(tenantId))
                .orderBy(WEBHOOK_SUBSCRIPTIONS.CREATED_AT).fetch();
    }

    Optional<WebhookSubscriptionsRecord> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(WEBHOOK_SUBSCRIPTIONS)
                .where(WEBHOOK_SUBSCRIPTIONS.TENANT_ID.eq(tenantId), WEBHOOK_SUBSCRIPTIONS.ID.eq(id)).fetchOptional();
    }

    void update(WebhookSubscriptionsRecord subscription) {
        dsl.executeUpdate(subscription);
    }

    boolean delete(UUID tenantId, UUID id) {
        return dsl.deleteFrom(WEBHOOK_SUBSCRIPTIONS)
                .where(WEBHOOK_SUBSCRIPTIONS.TENANT_ID.eq(tenantId), WEBHOOK_SUBSCRIPTIONS.ID.eq(id)).execute() == 1;
    }

    /**
     * Across tenants: leases the active subscription that waited longest among those with an event
     * to deliver now, unless another worker (of any process) holds it.
     */
    Optional<WebhookSubscriptionsRecord> leaseDue(OffsetDateTime now, OffsetDateTime leaseUntil) {
        var s = WEBHOOK_SUBSCRIPTIONS;
        var due = DSL.select(s.ID).from(s)
                .where(s.STATUS.eq("ACTIVE"), s.NEXT_ATTEMPT_AT.le(now), s.LEASE_UNTIL.isNull().or(s.LEASE_UNTIL.lt(now)),
                        DSL.exists(DSL.selectOne().from(EVENTS).where(EVENTS.TENANT_ID.eq(s.TENANT_ID),
                                DSL.row(EVENTS.TXID, EVENTS.ID).gt(s.POSITION_TXID, s.POSITION_ID),
                                EVENTS.TXID.lt(DSL.field("events_horizon()", Long.class)),
                                EVENTS.TYPE.eq(DSL.any(s.EVENTS)))))
                .orderBy(s.NEXT_ATTEMPT_AT)
                .limit(1)
                .forUpdate().skipLocked();
        return dsl.update(s).set(s.LEASE_UNTIL, leaseUntil).where(s.ID.in(due)).returning().fetchOptional();
    }

    /**
     * The event at this position was handled: the next one is due at once. The lease stays: the
     * worker goes on with the batch, and another one taking over now would deliver twice, out of order.
     */
    void advance(UUID id, EventPosition position, boolean deadLetter, int deadLetters) {
        var s = WEBHOOK_SUBSCRIPTIONS;
        dsl.update(s).set(s.POSITION_TXID, position.txid()).set(s.POSITION_ID, position.id()).set(s.ATTEMPTS, 0)
                .set(s.DEAD_LETTERS, deadLetter ? deadLetters + 1 : 0).set(s.NEXT_ATTEMPT_AT, DSL.currentOffsetDateTime())
                .where(s.ID.eq(id)).execute();
    }

    void retryAt(UUID id, int attempts, OffsetDateTime at) {
        var s = WEBHOOK_SUBSCRIPTIONS;
        dsl.update(s).set(s.ATTEMPTS, attempts).set(s.NEXT_ATTEMPT_AT, at).setNull(s.LEASE_UNTIL).where(s.ID.eq(id)).execute();
    }

    void release(UUID id) {
        dsl.update(WEBHOOK_SUBSCRIPTIONS).setNull(WEBHOOK_SUBSCRIPTIONS.LEASE_UNTIL).where(WEBHOOK_SUBSCRIPTIONS.ID.eq(id)).execute();
    }

    void disable(UUID id, String reason) {
        var s = WEBHOOK_SUBSCRIPTIONS;
        dsl.update(s).set(s.STATUS, "DISABLED").set(s.DISABLED_REASON, reason).set(s.UPDATED_AT, DSL.currentOffsetDateTime())
                .setNull(s.LEASE_UNTIL).where(s.ID.eq(id)).execute();
    }

    long addAttempt(UUID tenantId, UUID subscriptionId, DeliveryResult result) {
        var a = WEBHOOK_ATTEMPTS;
        return dsl.insertInto(a)
                .set(a.TENANT_ID, tenantId).set(a.SUBSCRIPTION_ID, subscriptionId)
                .set(a.EVENT_ID, result.eventId()).set(a.EVENT_TYPE, result.eventType()).set(a.REQUEST_BODY, result.body())
                .set(a.ATTEMPT, result.attempt()).set(a.OUTCOME, result.outcome())
                .set(a.STATUS_CODE, result.statusCode()).set(a.ERROR, result.error()).set(a.LATENCY_MS, result.latencyMs())
                .returning(a.ID).fetchSingle(a.ID);
    }

    /** Deletes up to {@code limit} attempts made before {@code before}, across tenants. */
    int deleteAttemptsOlderThan(OffsetDateTime before, int limit) {
        return dsl.deleteFrom(WEBHOOK_ATTEMPTS)
                .where(WEBHOOK_ATTEMPTS.ID.in(DSL.select(WEBHOOK_ATTEMPTS.ID).from(WEBHOOK_ATTEMPTS)
                        .where(WEBHOOK_ATTEMPTS.ATTEMPTED_AT.lt(before)).limit(limit)))
                .execute();
    }

    /** Newest first, below {@code beforeId} when given. */
    List<WebhookSubscription.Attempt> attempts(UUID tenantId, UUID subscriptionId, Long beforeId, int limit) {
        return dsl.selectFrom(WEBHOOK_ATTEMPTS)
                .where(WEBHOOK_ATTEMPTS.TENANT_ID.eq(tenantId), WEBHOOK_ATTEMPTS.SUBSCRIPTION_ID.eq(subscriptionId),
                        beforeId == null ? DSL.noCondition() : WEBHOOK_ATTEMPTS.ID.lt(beforeId))
                .orderBy(WEBHOOK_ATTEMPTS.ID.desc()).limit(limit)
                .fetch(WebhookSubscriptionRepository::view);
    }

    Optional<WebhookSubscription.Attempt> attempt(UUID tenantId, UUID subscriptionId, long id) {
        return dsl.selectFrom(WEBHOOK_ATTEMPTS)
                .where(WEBHOOK_ATTEMPTS.TENANT_ID.eq(tenantId), WEBHOOK_ATTEMPTS.SUBSCRIPTION_ID.eq(subscriptionId),
                        WEBHOOK_ATTEMPTS.ID.eq(id))
                .fetchOptional(WebhookSubscriptionRepository::view);
    }

    private static WebhookSubscription.Attempt view(WebhookAttemptsRecord r) {
        return new WebhookSubscription.Attempt(r.getId(), r.getEventId(), r.getEventType(), r.getAttempt(), r.getOutcome(),
                r.getStatusCode(), r.getError(), r.getLatencyMs(), r.getAttemptedAt(), r.getRequestBody());
    }
}
