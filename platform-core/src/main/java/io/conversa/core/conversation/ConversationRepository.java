package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;

import io.conversa.core.db.jooq.tables.records.ConversationsRecord;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class ConversationRepository {

    private final DSLContext dsl;

    ConversationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The customer's conversation on the channel, created on their first message. Never waits
     * for the row lock a worker holds while processing the conversation.
     */
    UUID findOrCreate(UUID tenantId, UUID channelId, String waId) {
        return dsl.insertInto(CONVERSATIONS)
                .set(CONVERSATIONS.ID, UUID.randomUUID())
                .set(CONVERSATIONS.TENANT_ID, tenantId)
                .set(CONVERSATIONS.CHANNEL_ID, channelId)
                .set(CONVERSATIONS.WA_ID, waId)
                .onConflictDoNothing()
                .returning(CONVERSATIONS.ID)
                .fetchOptional(CONVERSATIONS.ID)
                .orElseGet(() -> dsl.select(CONVERSATIONS.ID).from(CONVERSATIONS)
                        .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.CHANNEL_ID.eq(channelId),
                                CONVERSATIONS.WA_ID.eq(waId))
                        .fetchSingle(CONVERSATIONS.ID));
    }

    Optional<ConversationsRecord> find(UUID id) {
        return dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id)).fetchOptional();
    }

    /** Makes this the builder's test conversation: its new sessions start on this flow version. */
    void testOn(UUID id, UUID flowId, int version) {
        dsl.update(CONVERSATIONS).set(CONVERSATIONS.TEST_FLOW_ID, flowId).set(CONVERSATIONS.TEST_FLOW_VERSION, version)
                .where(CONVERSATIONS.ID.eq(id)).execute();
    }

    /** Merges contact fields a module changed (tags, attributes) into the conversation's contact. */
    void mergeContact(UUID id, JSONB fields) {
        dsl.update(CONVERSATIONS)
                .set(CONVERSATIONS.CONTACT, DSL.field("{0} || {1}", JSONB.class, CONVERSATIONS.CONTACT, DSL.val(fields)))
                .where(CONVERSATIONS.ID.eq(id))
                .execute();
    }

    /**
     * A processed message: merges what it says of the contact, records when the customer last
     * wrote (the 24-hour window), and returns the contact as it now stands.
     */
    JSONB recordInbound(UUID id, JSONB contact, OffsetDateTime receivedAt) {
        return dsl.update(CONVERSATIONS)
                .set(CONVERSATIONS.CONTACT, DSL.field("{0} || {1}", JSONB.class, CONVERSATIONS.CONTACT,
                        DSL.val(contact == null ? JSONB.valueOf("{}") : contact)))
                .set(CONVERSATIONS.LAST_INBOUND_AT, receivedAt)
                .where(CONVERSATIONS.ID.eq(id))
                .returning(CONVERSATIONS.CONTACT)
                .fetchSingle(CONVERSATIONS.CONTACT);
    }

    /** Locks the conversation for processing, unless another worker holds it. */
    Optional<ConversationsRecord> lock(UUID id) {
        return dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id)).forUpdate().skipLocked().fetchOptional();
    }

    /**
     * Locks the conversation with the oldest waiting event that no other worker holds: the
     * workers of every node share the work without waiting for each other.
     */
    Optional<ConversationsRecord> claimNextWithPendingEvents() {
        return dsl.select(CONVERSATIONS.fields()).from(INBOX)
                .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(INBOX.CONVERSATION_ID))
                .where(INBOX.PROCESSED_AT.isNull())
                .orderBy(INBOX.ID)
                .limit(1)
                .forUpdate().of(CONVERSATIONS).skipLocked()
                .fetchOptionalInto(CONVERSATIONS);
    }
}
