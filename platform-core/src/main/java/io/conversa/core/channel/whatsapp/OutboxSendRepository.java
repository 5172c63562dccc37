package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.OUTBOX;

import io.conversa.core.conversation.LeasedMessage;
import io.conversa.core.db.FixedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/** The sending side of the outbox. */
@Repository
class OutboxSendRepository {

    private static final Param<OffsetDateTime> NOW = DSL.param("now", SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Param<OffsetDateTime> LEASE_UNTIL = DSL.param("leaseUntil", SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Param<Integer> LIMIT = DSL.param("limit", SQLDataType.INTEGER);
    private static final Param<UUID[]> CONVERSATION_IDS = DSL.param("conversationIds", SQLDataType.UUID.array());
    private static final Param<Integer> FOLLOWERS = DSL.param("followers", SQLDataType.INTEGER);

    private final DSLContext dsl;
    private final FixedStatement record;
    private final FixedStatement leaseExpired;
    private final FixedStatement leasePending;
    private final FixedStatement leaseFollowers;
    private final FixedStatement applyStatus;

    OutboxSendRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.record = record(dsl);
        // Status literals are inlined, not bound: only then can PostgreSQL use the partial indexes.
        this.leaseExpired = new FixedStatement(dsl, leaseHeads(OUTBOX.STATUS.eq(DSL.inline("SENDING")).and(OUTBOX.LEASE_UNTIL.lt(NOW))));
        this.leasePending = new FixedStatement(dsl, leaseHeads(OUTBOX.STATUS.eq(DSL.inline("PENDING")).and(OUTBOX.NEXT_ATTEMPT_AT.le(NOW))));
        this.leaseFollowers = new FixedStatement(dsl, leaseFollowers());
        this.applyStatus = new FixedStatement(dsl, applyStatus());
    }

    /**
     * Leases the due messages of up to {@code limit} conversations: each one's oldest that has no
     * older message waiting, and up to {@code followers} due messages after it, in order, for the
     * same sender to send one after the other, so every customer receives messages in the order
     * the flow sent them. With {@code expiredToo}, messages whose lease ran out come first: they
     * belonged to a sender that died mid-call (or could not start them), and are due again. Rows
     * other senders are leasing are skipped, not waited for. Two statements, each answering what
     * it leased with what sending needs of the conversation; both rendered once, as the sender
     * runs them many times a second while messages wait in the outbox.
     */
    List<LeasedMessage> leaseDue(OffsetDateTime now, OffsetDateTime leaseUntil, int limit, int followers, boolean expiredToo) {
        List<LeasedMessage> leased = new ArrayList<>(expiredToo ? leased(leaseExpired.with().set(LIMIT, limit)
                .set(NOW, now).set(LEASE_UNTIL, leaseUntil)) : List.of());
        if (leased.size() < limit) {
            leased.addAll(leased(leasePending.with().set(LIMIT, limit - leased.size()).set(NOW, now).set(LEASE_UNTIL, leaseUntil)));
        }
        if (leased.isEmpty()) {
            return List.of();
        }
        leased.addAll(leased(leaseFollowers.with()
                .set(CONVERSATION_IDS, leased.stream().map(LeasedMessage::conversationId).toArray(UUID[]::new))
                .set(FOLLOWERS, followers).set(NOW, now).set(LEASE_UNTIL, leaseUntil)));
        leased.sort(Comparator.comparingLong(LeasedMessage::id));
        return leased;
    }

    /**
     * Behind the leased heads, the next messages of their conversations, up to {@code followers}
     * each and only while every one before is due (a message scheduled later holds back those after it).
     */
    private static Query leaseFollowers() {
        var inConversation = DSL.partitionBy(OUTBOX.CONVERSATION_ID).orderBy(OUTBOX.ID);
        Field<Integer> place = DSL.rowNumber().over(inConversation).as("place");
        Field<Boolean> dueSoFar = DSL.every(OUTBOX.NEXT_ATTEMPT_AT.le(NOW)).over(inConversation).as("due_so_far");
        var next = DSL.select(OUTBOX.ID, place, dueSoFar).from(OUTBOX)
                .where(OUTBOX.CONVERSATION_ID.eq(DSL.any(CONVERSATION_IDS)),
                        OUTBOX.STATUS.eq(DSL.inline("PENDING"))
                                .or(OUTBOX.STATUS.eq(DSL.inline("SENDING")).and(OUTBOX.LEASE_UNTIL.lt(NOW))))
                .asTable("next");
        return leaseWhere(OUTBOX.ID.in(DSL.select(next.field(OUTBOX.ID)).from(next)
                .where(next.field(place).le(FOLLOWERS), next.field(dueSoFar).isTrue())));
    }

    /** Walks the due index in order and stops after {@code limit} lockable heads of their conversations: no sort. */
    private static Query leaseHeads(Condition due) {
        var earlier = OUTBOX.as("earlier");
        var heads = DSL.select(OUTBOX.ID).from(OUTBOX)
                .where(due)
                .andNotExists(DSL.selectOne().from(earlier).where(earlier.CONVERSATION_ID.eq(OUTBOX.CONVERSATION_ID),
                        earlier.STATUS.in(DSL.inline("PENDING"), DSL.inline("SENDING")), earlier.ID.lt(OUTBOX.ID)))
                .orderBy(OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.ID)
                .limit(LIMIT)
                .forUpdate().skipLocked();
        return leaseWhere(OUTBOX.ID.in(heads));
    }

    /** Leases the messages {@code which} selects, answered with what sending them needs of their conversation. */
    private static Query leaseWhere(Condition which) {
        return DSL.update(OUTBOX).set(OUTBOX.STATUS, DSL.inline("SENDING")).set(OUTBOX.LEASE_UNTIL, LEASE_UNTIL)
                .from(CONVERSATIONS)
                .where(which, CONVERSATIONS.ID.eq(OUTBOX.CONVERSATION_ID))
                .returningResult(LEASED);
    }

    private static final List<Field<?>> LEASED = List.of(OUTBOX.ID, OUTBOX.CONVERSATION_ID, OUTBOX.TENANT_ID, OUTBOX.KIND,
            OUTBOX.MESSAGE, OUTBOX.CONTEXT_MESSAGE_ID, OUTBOX.MARK_READ_MESSAGE_ID, OUTBOX.ATTEMPTS, CONVERSATIONS.CHANNEL_ID,
            CONVERSATIONS.WA_ID, CONVERSATIONS.LAST_INBOUND_AT);

    private List<LeasedMessage> leased(FixedStatement.Run lease) {
        return lease.fetch(LEASED).map(r -> new LeasedMessage(
                r.get(OUTBOX.ID), r.get(OUTBOX.CONVERSATION_ID), r.get(OUTBOX.TENANT_ID), r.get(OUTBOX.KIND), r.get(OUTBOX.MESSAGE),
                r.get(OUTBOX.CONTEXT_MESSAGE_ID), r.get(OUTBOX.MARK_READ_MESSAGE_ID), r.get(OUTBOX.ATTEMPTS),
                r.get(CONVERSATIONS.CHANNEL_ID), r.get(CONVERSATIONS.WA_ID), r.get(CONVERSATIONS.LAST_INBOUND_AT)));
    }

    /**
     * Writes the outcomes of many calls with one statement (rendered once: arrays of any length); answers the status changes to record as
     * events (sent and failed messages), including a status webhook that arrived before the outcome.
     */
    List<StatusChange> record(List<SendOutcome> outcomes) {
        List<Record> updated = record.with()
                .set(IDS, column(outcomes, SendOutcome::id, Long[]::new))
                .set(STATUSES, column(outcomes, SendOutcome::status, String[]::new))
                .set(WA_MESSAGE_IDS, column(outcomes, SendOutcome::waMessageId, String[]::new))
                .set(SENT_ATS, column(outcomes, SendOutcome::sentAt, OffsetDateTime[]::new))
                .set(NEXT_ATTEMPTS_AT, column(outcomes, SendOutcome::nextAttemptAt, OffsetDateTime[]::new))
                .set(ERROR_CODES, column(outcomes, SendOutcome::errorCode, Integer[]::new))
                .set(ERROR_MESSAGES, column(outcomes, SendOutcome::errorMessage, String[]::new))
                .set(ATTEMPTED, column(outcomes, o -> o.attempted() ? 1 : 0, Integer[]::new))
                .fetch(CHANGE_AND_EARLIER_STATUSES);
        List<StatusChange> changes = new ArrayList<>();
        updated.stream().map(OutboxSendRepository::change).filter(change -> !"PENDING".equals(change.status()))
                .forEach(changes::add);
        for (Record r : updated) {
            for (String status : Objects.requireNonNullElse(r.get(EARLIER_STATUSES), new String[0])) {
                applyStatus(r.get(OUTBOX.TENANT_ID), r.get(OUTBOX.WA_MESSAGE_ID), status, null, null).ifPresent(changes::add);
            }
        }
        return changes;
    }

    /** A column of the outcomes' table ({@code v}). */
    private static <T> Field<T> outcome(String column, Class<T> type) {
        return DSL.field(DSL.name("v", column), type);
    }

    private static <T> T[] column(List<SendOutcome> outcomes, Function<SendOutcome, T> value, IntFunction<T[]> array) {
        return outcomes.stream().map(value).toArray(array);
    }

    private static FixedStatement record(DSLContext dsl) {
        Table<?> v = DSL.table("unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}) as v(id, status, wa_message_id, sent_at, "
                        + "next_attempt_at, error_code, error_message, attempted)",
                IDS, STATUSES, WA_MESSAGE_IDS, SENT_ATS, NEXT_ATTEMPTS_AT, ERROR_CODES, ERROR_MESSAGES, ATTEMPTED);
        return new FixedStatement(dsl, DSL.update(OUTBOX)
                .set(OUTBOX.STATUS, outcome("status", String.class))
                .set(OUTBOX.WA_MESSAGE_ID, DSL.coalesce(outcome("wa_message_id", String.class), OUTBOX.WA_MESSAGE_ID))
                .set(OUTBOX.SENT_AT, DSL.coalesce(outcome("sent_at", OffsetDateTime.class), OUTBOX.SENT_AT))
                .set(OUTBOX.NEXT_ATTEMPT_AT, DSL.coalesce(outcome("next_attempt_at", OffsetDateTime.class), OUTBOX.NEXT_ATTEMPT_AT))
                .set(OUTBOX.ERROR_CODE, DSL.coalesce(outcome("error_code", Integer.class), OUTBOX.ERROR_CODE))
                .set(OUTBOX.ERROR_MESSAGE, DSL.coalesce(outcome("error_message", String.class), OUTBOX.ERROR_MESSAGE))
                .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(outcome("attempted", Integer.class)))
                .setNull(OUTBOX.LEASE_UNTIL)
                .from(v)
                // The ids again, as the outbox's own condition: joined to unnest() alone, PostgreSQL may
                // choose to read the whole outbox for a group of a few dozen outcomes.
                .where(OUTBOX.ID.eq(outcome("id", Long.class)), OUTBOX.ID.eq(DSL.any(IDS)))
                .returningResult(CHANGE_AND_EARLIER_STATUSES));
    }

    private static final Param<Long[]> IDS = DSL.param("ids", SQLDataType.BIGINT.array());
    private static final Param<String[]> STATUSES = DSL.param("statuses", SQLDataType.VARCHAR.array());
    private static final Param<String[]> WA_MESSAGE_IDS = DSL.param("waMessageIds", SQLDataType.VARCHAR.array());
    private static final Param<OffsetDateTime[]> SENT_ATS = DSL.param("sentAts", SQLDataType.TIMESTAMPWITHTIMEZONE.array());
    private static final Param<OffsetDateTime[]> NEXT_ATTEMPTS_AT = DSL.param("nextAttemptsAt",
            SQLDataType.TIMESTAMPWITHTIMEZONE.array());
    private static final Param<Integer[]> ERROR_CODES = DSL.param("errorCodes", SQLDataType.INTEGER.array());
    private static final Param<String[]> ERROR_MESSAGES = DSL.param("errorMessages", SQLDataType.VARCHAR.array());
    private static final Param<Integer[]> ATTEMPTED = DSL.param("attempted", SQLDataType.INTEGER.array());

    /** A status webhook moves a sent message forward (sent, delivered, read) or to failed, never back. */
    Optional<StatusChange> applyStatus(UUID tenantId, String waMessageId, String status, Integer errorCode,
            String errorMessage) {
        String upper = status.toUpperCase();
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
        return applyStatus.with().set(TENANT_ID, tenantId).set(WA_MESSAGE_ID, waMessageId).set(STATUS, upper).set(RANK, newRank)
                .set(ERROR_CODE, errorCode).set(ERROR_MESSAGE, errorMessage)
                .fetch(CHANGE).stream().findFirst().map(OutboxSendRepository::change);
    }

    /** Rendered once: status webhooks are most of what Meta sends (sent, delivered and read for every message). */
    private static Query applyStatus() {
        var rank = DSL.case_(OUTBOX.STATUS).when("SENT", 1).when("DELIVERED", 2).when("READ", 3).otherwise(0);
        return DSL.update(OUTBOX).set(OUTBOX.STATUS, STATUS)
                .set(OUTBOX.ERROR_CODE, DSL.coalesce(ERROR_CODE, OUTBOX.ERROR_CODE))
                .set(OUTBOX.ERROR_MESSAGE, DSL.coalesce(ERROR_MESSAGE, OUTBOX.ERROR_MESSAGE))
                .where(OUTBOX.TENANT_ID.eq(TENANT_ID), OUTBOX.WA_MESSAGE_ID.eq(WA_MESSAGE_ID), rank.lt(RANK),
                        OUTBOX.STATUS.ne("FAILED"))
                .returningResult(CHANGE);
    }

    private static final Param<UUID> TENANT_ID = DSL.param("tenantId", SQLDataType.UUID);
    private static final Param<String> WA_MESSAGE_ID = DSL.param("waMessageId", SQLDataType.VARCHAR);
    private static final Param<String> STATUS = DSL.param("status", SQLDataType.VARCHAR);
    private static final Param<Integer> RANK = DSL.param("rank", SQLDataType.INTEGER);
    private static final Param<Integer> ERROR_CODE = DSL.param("errorCode", SQLDataType.INTEGER);
    private static final Param<String> ERROR_MESSAGE = DSL.param("errorMessage", SQLDataType.VARCHAR);

    /** What a status change returns, to be recorded as an event. */
    private static final List<Field<?>> CHANGE = List.of(OUTBOX.ID, OUTBOX.TENANT_ID, OUTBOX.CONVERSATION_ID, OUTBOX.KIND,
            OUTBOX.STATUS, OUTBOX.WA_MESSAGE_ID, OUTBOX.ERROR_CODE, OUTBOX.ERROR_MESSAGE);

    /** The status webhooks that arrived for a sent message before its outcome was recorded. */
    private static final Field<String[]> EARLIER_STATUSES = DSL.field(DSL.select(DSL.arrayAgg(MESSAGE_STATUSES.STATUS))
            .from(MESSAGE_STATUSES)
            .where(MESSAGE_STATUSES.WA_MESSAGE_ID.eq(OUTBOX.WA_MESSAGE_ID), MESSAGE_STATUSES.TENANT_ID.eq(OUTBOX.TENANT_ID)))
            .as("earlier_statuses");

    private static final List<Field<?>> CHANGE_AND_EARLIER_STATUSES = Stream.concat(CHANGE.stream(), Stream.of(EARLIER_STATUSES))
            .toList();

    private static StatusChange change(Record r) {
        return new StatusChange(r.get(OUTBOX.ID), r.get(OUTBOX.TENANT_ID), r.get(OUTBOX.CONVERSATION_ID), r.get(OUTBOX.KIND),
                r.get(OUTBOX.STATUS), r.get(OUTBOX.WA_MESSAGE_ID), r.get(OUTBOX.ERROR_CODE), r.get(OUTBOX.ERROR_MESSAGE));
    }
}
