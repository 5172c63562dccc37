package io.conversa.core.inbox;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.CONVERSATION_NOTES;
import static io.conversa.core.db.jooq.Tables.INBOX;

import io.conversa.core.db.jooq.tables.records.ConversationsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The live chat's writes to conversations: assignment, status, labels, notes, first responses. */
@Repository
class LiveChatRepository {

    private final DSLContext dsl;

    LiveChatRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<ConversationsRecord> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id)).fetchOptional();
    }

    /**
     * Gives the conversation to a member in one statement, so that of two members taking it at
     * once exactly one gets it: unless {@code reassign}, only while no one else has it.
     */
    boolean assign(UUID tenantId, UUID id, UUID assignee, boolean reassign) {
        return dsl.update(CONVERSATIONS).set(CONVERSATIONS.ASSIGNEE_ID, assignee)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id),
                        reassign ? DSL.noCondition()
                                : CONVERSATIONS.ASSIGNEE_ID.isNull().or(CONVERSATIONS.ASSIGNEE_ID.eq(assignee)))
                .execute() == 1;
    }

    void unassign(UUID tenantId, UUID id) {
        dsl.update(CONVERSATIONS).setNull(CONVERSATIONS.ASSIGNEE_ID)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id)).execute();
    }

    /** @return whether it changed (closing a closed conversation changes nothing) */
    boolean setStatus(UUID tenantId, UUID id, String status, OffsetDateTime at) {
        return dsl.update(CONVERSATIONS).set(CONVERSATIONS.STATUS, status)
                .set(CONVERSATIONS.CLOSED_AT, "CLOSED".equals(status) ? at : null)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id), CONVERSATIONS.STATUS.ne(status))
                .execute() == 1;
    }

    void setLabels(UUID tenantId, UUID id, List<String> labels) {
        dsl.update(CONVERSATIONS).set(CONVERSATIONS.LABELS, labels.toArray(String[]::new))
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id)).execute();
    }

    /** The first answer of a person since the flow handed the conversation over. */
    void firstResponse(UUID tenantId, UUID id, OffsetDateTime at) {
        dsl.update(CONVERSATIONS).set(CONVERSATIONS.FIRST_RESPONSE_AT, at)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id), CONVERSATIONS.FIRST_RESPONSE_AT.isNull())
                .execute();
    }

    Note addNote(UUID tenantId, UUID conversationId, UUID authorId, String body) {
        return dsl.insertInto(CONVERSATION_NOTES)
                .set(CONVERSATION_NOTES.TENANT_ID, tenantId).set(CONVERSATION_NOTES.CONVERSATION_ID, conversationId)
                .set(CONVERSATION_NOTES.AUTHOR_ID, authorId).set(CONVERSATION_NOTES.BODY, body)
                .returning().fetchSingle(r -> new Note(r.getId(), r.getConversationId(), r.getAuthorId(), r.getBody(),
                        r.getCreatedAt()));
    }

    List<Note> notes(UUID tenantId, UUID conversationId) {
        return dsl.selectFrom(CONVERSATION_NOTES)
                .where(CONVERSATION_NOTES.TENANT_ID.eq(tenantId), CONVERSATION_NOTES.CONVERSATION_ID.eq(conversationId))
                .orderBy(CONVERSATION_NOTES.ID)
                .fetch(r -> new Note(r.getId(), r.getConversationId(), r.getAuthorId(), r.getBody(), r.getCreatedAt()));
    }

    /** The WhatsApp id of the customer's latest message, to mark it read. */
    Optional<String> lastCustomerMessage(UUID tenantId, UUID conversationId) {
        return dsl.select(DSL.field("{0}->>'messageId'", String.class, INBOX.PAYLOAD)).from(INBOX)
                .where(INBOX.TENANT_ID.eq(tenantId), INBOX.CONVERSATION_ID.eq(conversationId), INBOX.KIND.eq("MESSAGE"))
                .orderBy(INBOX.ID.desc()).limit(1)
                .fetchOptional(r -> r.value1());
    }
}
