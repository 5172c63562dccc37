package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;

import io.conversa.core.conversation.ConversationRepository.CustomerKey;
import io.conversa.core.db.FixedStatement;
import io.conversa.core.db.jooq.tables.records.ConversationsRecord;
import io.conversa.core.db.jooq.tables.records.InboxRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.Param;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class InboxRepository {

    private static final Param<UUID> TENANT = DSL.param("tenant", INBOX.TENANT_ID);
    private static final Param<UUID> CHANNEL = DSL.param("channel", CONVERSATIONS.CHANNEL_ID);
    private static final Param<UUID> CONVERSATION = DSL.param("conversation", INBOX.CONVERSATION_ID);
    private static final Param<String> KEY = DSL.param("key", CONVERSATIONS.WA_ID);
    private static final Param<String> EXTERNAL_ID = DSL.param("externalId", INBOX.EXTERNAL_ID);
    private static final Param<String> KIND = DSL.param("kind", INBOX.KIND);
    private static final Param<JSONB> PAYLOAD = DSL.param("payload", INBOX.PAYLOAD);
    private static final Param<JSONB> CONTACT = DSL.param("contact", INBOX.CONTACT);
    private static final Param<OffsetDateTime> SENT_AT = DSL.param("sentAt", INBOX.SENT_AT);
    private static final Param<Long> INBOX_ID = DSL.param("inboxId", INBOX.ID);
    private static final Param<String> OUTCOME = DSL.param("outcome", INBOX.OUTCOME);
    private static final Param<UUID[]> CONVERSATION_IDS = DSL.param("conversations", INBOX.CONVERSATION_ID.getDataType().array());

    private final DSLContext dsl;
    /** By the key column that finds the conversation. */
    private final Map<TableField<ConversationsRecord, String>, FixedStatement> addToConversation;
    private final FixedStatement add;
    private final FixedStatement markProcessed;
    private final FixedStatement pending;

    InboxRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.addToConversation = Map.of(CONVERSATIONS.WA_ID, addToConversation(dsl, CONVERSATIONS.WA_ID),
                CONVERSATIONS.USER_ID, addToConversation(dsl, CONVERSATIONS.USER_ID));
        this.add = new FixedStatement(dsl, DSL.insertInto(INBOX, INBOX.TENANT_ID, INBOX.CONVERSATION_ID, INBOX.EXTERNAL_ID,
                        INBOX.KIND, INBOX.PAYLOAD, INBOX.CONTACT, INBOX.SENT_AT)
                .values(TENANT, CONVERSATION, EXTERNAL_ID, KIND, PAYLOAD, CONTACT, SENT_AT)
                .onConflictDoNothing());
        this.markProcessed = new FixedStatement(dsl, DSL.update(INBOX).set(INBOX.PROCESSED_AT, DSL.currentOffsetDateTime())
                .set(INBOX.OUTCOME, OUTCOME).where(INBOX.ID.eq(INBOX_ID)));
        this.pending = new FixedStatement(dsl, DSL.selectFrom(INBOX)
                .where(INBOX.CONVERSATION_ID.eq(DSL.any(CONVERSATION_IDS)), INBOX.PROCESSED_AT.isNull()).orderBy(INBOX.ID));
    }

    /** @return false when an event with this external id was stored before (a redelivery) */
    boolean add(UUID tenantId, UUID conversationId, String externalId, String kind, JSONB payload) {
        return add(tenantId, conversationId, externalId, kind, payload, null, null);
    }

    /**
     * @param contact for messages: what the message says of the customer
     * @param sentAt  for messages: when the customer sent it, if known
     */
    boolean add(UUID tenantId, UUID conversationId, String externalId, String kind, JSONB payload, JSONB contact,
            OffsetDateTime sentAt) {
        return add.with().set(TENANT, tenantId).set(CONVERSATION, conversationId).set(EXTERNAL_ID, externalId).set(KIND, kind)
                .set(PAYLOAD, payload).set(CONTACT, contact).set(SENT_AT, sentAt).execute() == 1;
    }

    /**
     * Stores a customer's message in their conversation, found by one of the customer's keys, with
     * one statement.
     *
     * @return empty when the customer has no conversation yet (nothing was stored)
     */
    Optional<InboundService.Received> addToConversation(UUID tenantId, UUID channelId, CustomerKey key, String externalId,
            String kind, JSONB payload, JSONB contact, OffsetDateTime sentAt) {
        return addToConversation.get(key.column()).with()
                .set(TENANT, tenantId).set(CHANNEL, channelId).set(KEY, key.value()).set(EXTERNAL_ID, externalId)
                .set(KIND, kind).set(PAYLOAD, payload).set(CONTACT, contact).set(SENT_AT, sentAt)
                .fetch(result -> {
                    result.next();
                    UUID conversationId = result.getObject(1, UUID.class);
                    return conversationId == null ? Optional.<InboundService.Received>empty()
                            : Optional.of(new InboundService.Received(conversationId, result.getBoolean(2)));
                });
    }

    private static FixedStatement addToConversation(DSLContext dsl, TableField<ConversationsRecord, String> key) {
        CommonTableExpression<Record1<UUID>> found = DSL.name("found")
                .as(ConversationRepository.lookup(TENANT, CHANNEL, key.eq(KEY)));
        Field<UUID> conversationId = found.field(0, UUID.class);
        CommonTableExpression<Record1<Long>> stored = DSL.name("stored").as(
                DSL.insertInto(INBOX, INBOX.TENANT_ID, INBOX.CONVERSATION_ID, INBOX.EXTERNAL_ID, INBOX.KIND, INBOX.PAYLOAD,
                                INBOX.CONTACT, INBOX.SENT_AT)
                        .select(DSL.select(TENANT, conversationId, EXTERNAL_ID, KIND, PAYLOAD, CONTACT, SENT_AT).from(found))
                        .onConflictDoNothing()
                        .returningResult(INBOX.ID));
        return new FixedStatement(dsl, DSL.with(found).with(stored)
                .select(DSL.field(DSL.select(conversationId).from(found)), DSL.field(DSL.exists(DSL.selectOne().from(stored)))));
    }

    /** The waiting events of these conversations, oldest first, up to {@code limit} per conversation. */
    Map<UUID, List<InboxRecord>> pending(Collection<UUID> conversationIds, int limit) {
        Map<UUID, List<InboxRecord>> pending = new LinkedHashMap<>();
        conversationIds.forEach(id -> pending.put(id, new ArrayList<>()));
        this.pending.with().set(CONVERSATION_IDS, conversationIds.toArray(UUID[]::new))
                .fetchInto(INBOX)
                .forEach(event -> {
                    List<InboxRecord> events = pending.get(event.getConversationId());
                    if (events.size() < limit) {
                        events.add(event);
                    }
                });
        return pending;
    }

    /** Whether an event of this kind waits to be processed in the conversation. */
    boolean hasPending(UUID conversationId, String kind) {
        return dsl.fetchExists(INBOX, INBOX.CONVERSATION_ID.eq(conversationId), INBOX.PROCESSED_AT.isNull(), INBOX.KIND.eq(kind));
    }

    /** Marks events processed with their outcomes (by event id), in one round trip. */
    void markProcessed(Map<Long, String> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        markProcessed.executeBatch(outcomes.entrySet(), (row, outcome) -> row.set(OUTCOME, outcome.getValue())
                .set(INBOX_ID, outcome.getKey()));
    }
}
