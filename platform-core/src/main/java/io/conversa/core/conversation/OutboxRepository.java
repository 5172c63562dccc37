package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.OUTBOX;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private final DSLContext dsl;

    OutboxRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Queues in this order (of many steps at once: one statement); each is keyed by the step that
     * produced it, so adding one again is a no-op.
     */
    void add(List<Outgoing> outgoing) {
        if (outgoing.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(OUTBOX, OUTBOX.TENANT_ID, OUTBOX.CONVERSATION_ID, OUTBOX.SESSION_ID,
                OUTBOX.IDEMPOTENCY_KEY, OUTBOX.KIND, OUTBOX.MESSAGE, OUTBOX.CONTEXT_MESSAGE_ID);
        for (Outgoing o : outgoing) {
            insert = insert.values(o.tenantId(), o.conversationId(), o.sessionId(), o.key(), o.kind().name(), o.content(),
                    o.contextMessageId());
        }
        insert.onConflictDoNothing().execute();
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
