package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.OUTBOX;

import java.util.Map;
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

    /** Messages keyed by the step that produced them: adding one again is a no-op. */
    void add(UUID tenantId, UUID conversationId, UUID sessionId, Map<String, JSONB> messagesByKey) {
        var insert = dsl.insertInto(OUTBOX, OUTBOX.TENANT_ID, OUTBOX.CONVERSATION_ID, OUTBOX.SESSION_ID,
                OUTBOX.IDEMPOTENCY_KEY, OUTBOX.MESSAGE);
        for (Map.Entry<String, JSONB> message : messagesByKey.entrySet()) {
            insert = insert.values(tenantId, conversationId, sessionId, message.getKey(), message.getValue());
        }
        insert.onConflictDoNothing().execute();
    }
}
