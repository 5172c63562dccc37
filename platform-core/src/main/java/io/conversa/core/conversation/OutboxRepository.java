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
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private static final Param<UUID[]> CONVERSATION_IDS = DSL.param("conversations", OUTBOX.CONVERSATION_ID.getDataType().array());

    private final DSLContext dsl;
    private final FixedStatement withUnsent;

    OutboxRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.withUnsent = new FixedStatement(dsl, DSL.selectDistinct(OUTBOX.CONVERSATION_ID).from(OUTBOX)
                .where(OUTBOX.CONVERSATION_ID.eq(DSL.any(CONVERSATION_IDS)), OUTBOX.STATUS.in("PENDING", "SENDING")));
    }

    /**
     * Queues in this order (of many steps at once: one statement); each is keyed by the step that
     * produced it, so adding one again is a no-op. The messages of {@code handOver}'s conversations
     * are stored leased until {@code leaseUntil}, for the caller to hand to a sender: answered with
     * their ids (those added before are not).
     */
    Map<String, Long> add(List<Outgoing> outgoing, Set<UUID> handOver, OffsetDateTime leaseUntil) {
        if (outgoing.isEmpty()) {
            return Map.of();
        }
        var insert = dsl.insertInto(OUTBOX, OUTBOX.TENANT_ID, OUTBOX.CONVERSATION_ID, OUTBOX.SESSION_ID,
                OUTBOX.IDEMPOTENCY_KEY, OUTBOX.KIND, OUTBOX.MESSAGE, OUTBOX.CONTEXT_MESSAGE_ID, OUTBOX.STATUS, OUTBOX.LEASE_UNTIL);
        for (Outgoing o : outgoing) {
            boolean leased = handOver.contains(o.conversationId());
            insert = insert.values(o.tenantId(), o.conversationId(), o.sessionId(), o.key(), o.kind().name(), o.content(),
                    o.contextMessageId(), leased ? "SENDING" : "PENDING", leased ? leaseUntil : null);
        }
        Map<String, Long> leased = new HashMap<>();
        insert.onConflictDoNothing().returning(OUTBOX.ID, OUTBOX.IDEMPOTENCY_KEY, OUTBOX.STATUS).fetch()
                .forEach(r -> {
                    if ("SENDING".equals(r.getStatus())) {
                        leased.put(r.getIdempotencyKey(), r.getId());
                    }
                });
        return leased;
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

    record Outgoing(UUID tenantId, UUID conversationId, UUID sessionId, String key, Kind kind, JSONB content,
            String contextMessageId) {
    }
}
