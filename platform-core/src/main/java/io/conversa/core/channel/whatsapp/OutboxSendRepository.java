package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.OUTBOX;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The sending side of the outbox. */
@Repository
class OutboxSendRepository {

    private final DSLContext dsl;

    OutboxSendRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Leases up to {@code limit} due messages, at most one per conversation: the oldest one that
     * has no older message waiting, so every customer receives messages in the order the flow
     * sent them. A message whose lease ran out belonged to a sender that died mid-call: it is due
     * again. Rows other senders are leasing are skipped, not waited for.
     */
    List<DueMessage> leaseDue(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        // Status literals are inlined, not bound: only then can PostgreSQL use the partial indexes.
        List<Long> ids = new ArrayList<>(lease(OUTBOX.STATUS.eq(DSL.inline("SENDING")).and(OUTBOX.LEASE_UNTIL.lt(now)),
                leaseUntil, limit));
        if (ids.size() < limit) {
            ids.addAll(lease(OUTBOX.STATUS.eq(DSL.inline("PENDING")).and(OUTBOX.NEXT_ATTEMPT_AT.le(now)), leaseUntil,
                    limit - ids.size()));
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return dsl.select(OUTBOX.ID, OUTBOX.TENANT_ID, OUTBOX.KIND, OUTBOX.MESSAGE, OUTBOX.CONTEXT_MESSAGE_ID, OUTBOX.ATTEMPTS,
                        CONVERSATIONS.CHANNEL_ID, CONVERSATIONS.WA_ID, CONVERSATIONS.LAST_INBOUND_AT)
                .from(OUTBOX).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(OUTBOX.CONVERSATION_ID))
                .where(OUTBOX.ID.in(ids))
                .orderBy(OUTBOX.ID)
                .fetch(r -> new DueMessage(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8(), r.value9()));
    }

    /** Walks the due index in order and stops after {@code limit} lockable heads of their conversations: no sort. */
    private List<Long> lease(Condition due, OffsetDateTime leaseUntil, int limit) {
        var earlier = OUTBOX.as("earlier");
        var heads = DSL.select(OUTBOX.ID).from(OUTBOX)
                .where(due)
                .andNotExists(DSL.selectOne().from(earlier).where(earlier.CONVERSATION_ID.eq(OUTBOX.CONVERSATION_ID),
                        earlier.STATUS.in(DSL.inline("PENDING"), DSL.inline("SENDING")), earlier.ID.lt(OUTBOX.ID)))
                .orderBy(OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.ID)
                .limit(limit)
                .forUpdate().skipLocked();
        return dsl.update(OUTBOX).set(OUTBOX.STATUS, "SENDING").set(OUTBOX.LEASE_UNTIL, leaseUntil)
                .where(OUTBOX.ID.in(heads))
                .returningResult(OUTBOX.ID)
                .fetch(OUTBOX.ID);
    }

    /**
     * Records the WhatsApp message id (none for a read receipt); statuses that arrived before this
     * commit are applied now.
     */
    List<StatusChange> markSent(long id, String waMessageId, OffsetDateTime at) {
        List<StatusChange> changes = new ArrayList<>();
        changes.add(dsl.update(OUTBOX).set(OUTBOX.STATUS, "SENT").set(OUTBOX.WA_MESSAGE_ID, waMessageId).set(OUTBOX.SENT_AT, at)
                .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1)).setNull(OUTBOX.LEASE_UNTIL).where(OUTBOX.ID.eq(id))
                .returning(CHANGE).fetchSingle(OutboxSendRepository::change));
        if (waMessageId == null) {
            return changes;
        }
        dsl.select(OUTBOX.TENANT_ID, MESSAGE_STATUSES.STATUS).from(MESSAGE_STATUSES)
                .join(OUTBOX).on(OUTBOX.ID.eq(id))
                .where(MESSAGE_STATUSES.WA_MESSAGE_ID.eq(waMessageId), MESSAGE_STATUSES.TENANT_ID.eq(OUTBOX.TENANT_ID))
                .fetch()
                .forEach(r -> applyStatus(r.value1(), waMessageId, r.value2(), null, null).ifPresent(changes::add));
        return changes;
    }

    /** Not an attempt: the message waits (for the pair rate limit) and keeps its place in the conversation. */
    void postpone(long id, OffsetDateTime at) {
        dsl.update(OUTBOX).set(OUTBOX.STATUS, "PENDING").set(OUTBOX.NEXT_ATTEMPT_AT, at).setNull(OUTBOX.LEASE_UNTIL)
                .where(OUTBOX.ID.eq(id)).execute();
    }

    void retryLater(long id, OffsetDateTime at, int code, String message) {
        dsl.update(OUTBOX).set(OUTBOX.STATUS, "PENDING").set(OUTBOX.NEXT_ATTEMPT_AT, at).setNull(OUTBOX.LEASE_UNTIL)
                .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                .set(OUTBOX.ERROR_CODE, code).set(OUTBOX.ERROR_MESSAGE, message).where(OUTBOX.ID.eq(id)).execute();
    }

    List<StatusChange> markFailed(long id, int code, String message, boolean attempted) {
        return List.of(dsl.update(OUTBOX).set(OUTBOX.STATUS, "FAILED").setNull(OUTBOX.LEASE_UNTIL)
                .set(OUTBOX.ERROR_CODE, code).set(OUTBOX.ERROR_MESSAGE, message)
                .set(OUTBOX.ATTEMPTS, attempted ? OUTBOX.ATTEMPTS.plus(1) : OUTBOX.ATTEMPTS)
                .where(OUTBOX.ID.eq(id))
                .returning(CHANGE).fetchSingle(OutboxSendRepository::change));
    }

    /** A status webhook moves a sent message forward (sent, delivered, read) or to failed, never back. */
    Optional<StatusChange> applyStatus(UUID tenantId, String waMessageId, String status, Integer errorCode,
            String errorMessage) {
        String upper = status.toUpperCase();
        var rank = DSL.case_(OUTBOX.STATUS).when("SENT", 1).when("DELIVERED", 2).when("READ", 3).otherwise(0);
        int newRank = switch (upper) {
            case "SENT" -> 1;
            case "DELIVERED" -> 2;
            case "READ" -> 3;
            case "FAILED" -> 4;
            default -> -1;
        };
        if (newRank < 0) {
            return Optional.empty();
        }
        return dsl.update(OUTBOX).set(OUTBOX.STATUS, upper)
                .set(OUTBOX.ERROR_CODE, errorCode == null ? OUTBOX.ERROR_CODE : DSL.val(errorCode))
                .set(OUTBOX.ERROR_MESSAGE, errorMessage == null ? OUTBOX.ERROR_MESSAGE : DSL.val(errorMessage))
                .where(OUTBOX.TENANT_ID.eq(tenantId), OUTBOX.WA_MESSAGE_ID.eq(waMessageId), rank.lt(newRank),
                        OUTBOX.STATUS.ne("FAILED"))
                .returning(CHANGE).fetchOptional(OutboxSendRepository::change);
    }

    /** What a status change returns, to be recorded as an event. */
    private static final List<Field<?>> CHANGE = List.of(OUTBOX.ID, OUTBOX.TENANT_ID, OUTBOX.CONVERSATION_ID, OUTBOX.KIND,
            OUTBOX.STATUS, OUTBOX.WA_MESSAGE_ID, OUTBOX.ERROR_CODE, OUTBOX.ERROR_MESSAGE);

    private static StatusChange change(Record r) {
        return new StatusChange(r.get(OUTBOX.ID), r.get(OUTBOX.TENANT_ID), r.get(OUTBOX.CONVERSATION_ID), r.get(OUTBOX.KIND),
                r.get(OUTBOX.STATUS), r.get(OUTBOX.WA_MESSAGE_ID), r.get(OUTBOX.ERROR_CODE), r.get(OUTBOX.ERROR_MESSAGE));
    }

    /** {@code kind}: MESSAGE or READ_RECEIPT; {@code contextMessageId}: the message replied to, or marked read. */
    record DueMessage(long id, UUID tenantId, String kind, JSONB message, String contextMessageId, int attempts,
            UUID channelId, String waId, OffsetDateTime lastInboundAt) {

        boolean isReadReceipt() {
            return "READ_RECEIPT".equals(kind);
        }
    }
}
