package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.OUTBOX;

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

    /** A message keyed by the step that produced it: adding it again is a no-op. */
    void add(UUID tenantId, UUID conversationId, UUID sessionId, String idempotencyKey, JSONB message) {
        dsl.insertInto(OUTBOX)
                .set(OUTBOX.TENANT_ID, tenantId).set(OUTBOX.CONVERSATION_ID, conversationId)
                .set(OUTBOX.SESSION_ID, sessionId).set(OUTBOX.IDEMPOTENCY_KEY, idempotencyKey)
                .set(OUTBOX.MESSAGE, message)
                .onConflictDoNothing()
                .execute();
    }
}
