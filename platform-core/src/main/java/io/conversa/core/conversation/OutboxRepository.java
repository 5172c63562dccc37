package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.OUTBOX;

import io.conversa.core.db.FixedStatement;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private static final Param<UUID[]> CONVERSATION_IDS = DSL.param("conversations", OUTBOX.CONVERSATION_ID.getDataType().array());
    private static final Param<UUID[]> TENANTS = DSL.param("tenants", OUTBOX.TENANT_ID.getDataType().array());
    private static final Param<UUID[]> SESSIONS = DSL.param("sessions", OUTBOX.SESSION_ID.getDataType().array());
    private static final Param<String[]> KEYS = DSL.param("keys", OUTBOX.IDEMPOTENCY_KEY.getDataType().array());
    private static final Param<String[]> KINDS = DSL.param("kinds", OUTBOX.KIND.getDataType().array());
    private static final Param<JSONB[]> MESSAGES = DSL.param("messages", OUTBOX.MESSAGE.getDataType().array());
    private static final Param<String[]> CONTEXT_MESSAGE_IDS = DSL.param("contextMessageIds",
            OUTBOX.CONTEXT_MESSAGE_ID.getDataType().array());
    private static final Param<String[]> MARK_READ_MESSAGE_IDS = DSL.param("markReadMessageIds",
            OUTBOX.MARK_READ_MESSAGE_ID.getDataType().array());
    private static final Param<String[]> STATUSES = DSL.param("statuses", OUTBOX.STATUS.getDataType().array());
    private static final Param<OffsetDateTime[]> LEASES = DSL.param("leases", OUTBOX.LEASE_UNTIL.getDataType().array());

    private final DSLContext dsl;
    private final FixedStatement withUnsent;
    private final FixedStatement add;

    OutboxRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.add = add(dsl);
        this.withUnsent = new FixedStatement(dsl, DSL.selectDistinct(OUTBOX.CONVERSATION_ID).from(OUTBOX)
                .where(OUTBOX.CONVERSATION_ID.eq(DSL.any(CONVERSATION_IDS)), OUTBOX.STATUS.in("PENDING", "SENDING")));
    }

    /**
     * Queues in this order (of many steps at once: one statement, whatever their number); each is keyed by the step that
     * produced it, so adding one again is a no-op. The messages of {@code handOver}'s conversations
     * are stored leased until {@code leaseUntil}, for the caller to hand to a sender: answered with
     * their ids (those added before are not).
     */
    Map<String, Long> add(List<Outgoing> outgoing, Set<UUID> handOver, OffsetDateTime leaseUntil) {
        if (outgoing.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> leased = new HashMap<>();
        add.with()
                .set(TENANTS, column(outgoing, Outgoing::tenantId, UUID[]::new))
                .set(CONVERSATION_IDS, column(outgoing, Outgoing::conversationId, UUID[]::new))
                .set(SESSIONS, column(outgoing, Outgoing::sessionId, UUID[]::new))
                .set(KEYS, column(outgoing, Outgoing::key, String[]::new))
                .set(KINDS, column(outgoing, o -> o.kind().name(), String[]::new))
                .set(MESSAGES, column(outgoing, Outgoing::content, JSONB[]::new))
                .set(CONTEXT_MESSAGE_IDS, column(outgoing, Outgoing::contextMessageId, String[]::new))
                .set(MARK_READ_MESSAGE_IDS, column(outgoing, Outgoing::markReadMessageId, String[]::new))
                .set(STATUSES, column(outgoing, o -> handOver.contains(o.conversationId()) ? "SENDING" : "PENDING", String[]::new))
                .set(LEASES, column(outgoing, o -> handOver.contains(o.conversationId()) ? leaseUntil : null, OffsetDateTime[]::new))
                .fetch(added -> {
                    while (added.next()) {
                        if ("SENDING".equals(added.getString(3))) {
                            leased.put(added.getString(2), added.getLong(1));
                        }
                    }
                    return leased;
                });
        return leased;
    }

    private static <T> T[] column(List<Outgoing> outgoing, Function<Outgoing, T> value, IntFunction<T[]> array) {
        return outgoing.stream().map(value).toArray(array);
    }

    /** Rows in the order given: their ids are the order they are sent in. */
    private static FixedStatement add(DSLContext dsl) {
        List<Field<?>> columns = List.of(OUTBOX.TENANT_ID, OUTBOX.CONVERSATION_ID, OUTBOX.SESSION_ID, OUTBOX.IDEMPOTENCY_KEY,
                OUTBOX.KIND, OUTBOX.MESSAGE, OUTBOX.CONTEXT_MESSAGE_ID, OUTBOX.MARK_READ_MESSAGE_ID, OUTBOX.STATUS, OUTBOX.LEASE_UNTIL);
        return new FixedStatement(dsl, DSL.insertInto(OUTBOX).columns(columns)
                .select(FixedStatement.rows(columns, List.of(TENANTS, CONVERSATION_IDS, SESSIONS, KEYS, KINDS, MESSAGES,
                        CONTEXT_MESSAGE_IDS, MARK_READ_MESSAGE_IDS, STATUSES, LEASES)))
                .onConflictDoNothing()
                .returningResult(OUTBOX.ID, OUTBOX.IDEMPOTENCY_KEY, OUTBOX.STATUS));
    }

    /** Those of these conversations that have messages not sent yet (waiting or being sent). */
    Set<UUID> withUnsent(Collection<UUID> conversationIds) {
        return withUnsent.with().set(CONVERSATION_IDS, conversationIds.toArray(UUID[]::new)).fetch(results -> {
            Set<UUID> found = new HashSet<>();
            while (results.next()) {
                found.add(results.getObject(1, UUID.class));
            }
            return found;
        });
    }

    enum Kind {
        /** A message; {@code contextMessageId}: the message it replies to, or null. */
        MESSAGE,
        /** Marks {@code contextMessageId} read; content {@code {"typing": true}} also shows "typing..." until the reply. */
        READ_RECEIPT
    }

    /** @param markReadMessageId a customer's message the sender marks read ("typing...") right before this message, or null */
    record Outgoing(UUID tenantId, UUID conversationId, UUID sessionId, String key, Kind kind, JSONB content,
            String contextMessageId, String markReadMessageId) {
    }
}
