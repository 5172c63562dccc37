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
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Table;
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
    private static final Param<Long[]> INBOX_IDS = DSL.param("inboxIds", INBOX.ID.getDataType().array());
    private static final Param<String[]> OUTCOMES = DSL.param("outcomes", INBOX.OUTCOME.getDataType().array());
    private static final Param<UUID[]> CHANNELS = DSL.param("channels", CONVERSATIONS.CHANNEL_ID.getDataType().array());
    private static final Param<String[]> CUSTOMER_KEYS = DSL.param("customerKeys", CONVERSATIONS.WA_ID.getDataType().array());
    private static final Param<String[]> EXTERNAL_IDS = DSL.param("externalIds", INBOX.EXTERNAL_ID.getDataType().array());
    private static final Param<String[]> KINDS = DSL.param("kinds", INBOX.KIND.getDataType().array());
    private static final Param<JSONB[]> PAYLOADS = DSL.param("payloads", INBOX.PAYLOAD.getDataType().array());
    private static final Param<JSONB[]> CONTACTS = DSL.param("contacts", INBOX.CONTACT.getDataType().array());
    private static final Param<OffsetDateTime[]> SENT_ATS = DSL.param("sentAts", INBOX.SENT_AT.getDataType().array());
    private static final Param<UUID[]> CONVERSATION_IDS = DSL.param("conversations", INBOX.CONVERSATION_ID.getDataType().array());

    private final DSLContext dsl;
    /** By the key column that finds the conversation. */
    private final Map<TableField<ConversationsRecord, String>, FixedStatement> addToConversations;
    private final FixedStatement add;
    private final FixedStatement markProcessed;
    private final FixedStatement pending;

    InboxRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.addToConversations = Map.of(CONVERSATIONS.WA_ID, addToConversations(dsl, CONVERSATIONS.WA_ID),
                CONVERSATIONS.USER_ID, addToConversations(dsl, CONVERSATIONS.USER_ID));
        this.add = new FixedStatement(dsl, DSL.insertInto(INBOX, INBOX.TENANT_ID, INBOX.CONVERSATION_ID, INBOX.EXTERNAL_ID,
                        INBOX.KIND, INBOX.PAYLOAD, INBOX.CONTACT, INBOX.SENT_AT)
                .values(TENANT, CONVERSATION, EXTERNAL_ID, KIND, PAYLOAD, CONTACT, SENT_AT)
                .onConflictDoNothing());
        Table<?> processed = DSL.table("unnest({0}, {1}) as v(id, outcome)", INBOX_IDS, OUTCOMES);
        this.markProcessed = new FixedStatement(dsl, DSL.update(INBOX).set(INBOX.PROCESSED_AT, DSL.currentOffsetDateTime())
                .set(INBOX.OUTCOME, DSL.field(DSL.name("v", "outcome"), String.class))
                .from(processed)
                // The ids again, as the inbox's own condition: so PostgreSQL finds the rows by the primary key, however many.
                .where(INBOX.ID.eq(DSL.field(DSL.name("v", "id"), Long.class)), INBOX.ID.eq(DSL.any(INBOX_IDS))));
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

    /** A customer's message to store in the conversation that one of their keys finds (null: none finds it alone). */
    record ForCustomer(UUID channelId, CustomerKey key, String externalId, String kind, JSONB payload, JSONB contact,
            OffsetDateTime sentAt) {
    }

    /**
     * Stores customers' messages in their conversations, each found by one of its customer's keys,
     * in order, with one statement per key column (one, unless some customers are known by their
     * user id). A message whose external id is stored already, or comes earlier in the list, is
     * not stored again (a redelivery).
     *
     * @return for each message, in order: its conversation and whether it was stored; empty when
     * the customer has no conversation yet, or no single key to find it by (nothing was stored)
     */
    List<Optional<InboundService.Received>> addToConversations(UUID tenantId, List<ForCustomer> messages) {
        List<Optional<InboundService.Received>> received = new ArrayList<>(Collections.nCopies(messages.size(), Optional.empty()));
        Map<TableField<ConversationsRecord, String>, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).key() != null) {
                byKey.computeIfAbsent(messages.get(i).key().column(), k -> new ArrayList<>()).add(i);
            }
        }
        Set<String> storedNow = new HashSet<>();
        byKey.forEach((column, indexes) -> {
            List<ForCustomer> these = indexes.stream().map(messages::get).toList();
            addToConversations.get(column).with().set(TENANT, tenantId)
                    .set(CHANNELS, these.stream().map(ForCustomer::channelId).toArray(UUID[]::new))
                    .set(CUSTOMER_KEYS, these.stream().map(m -> m.key().value()).toArray(String[]::new))
                    .set(EXTERNAL_IDS, these.stream().map(ForCustomer::externalId).toArray(String[]::new))
                    .set(KINDS, these.stream().map(ForCustomer::kind).toArray(String[]::new))
                    .set(PAYLOADS, these.stream().map(ForCustomer::payload).toArray(JSONB[]::new))
                    .set(CONTACTS, these.stream().map(ForCustomer::contact).toArray(JSONB[]::new))
                    .set(SENT_ATS, these.stream().map(ForCustomer::sentAt).toArray(OffsetDateTime[]::new))
                    .fetch(results -> {
                        for (int i = 0; results.next(); i++) {
                            UUID conversationId = results.getObject(1, UUID.class);
                            if (conversationId != null) {
                                // The statement stored the first of the list's messages with one external id.
                                boolean isNew = results.getBoolean(2) && storedNow.add(these.get(i).externalId());
                                received.set(indexes.get(i), Optional.of(new InboundService.Received(conversationId, isNew)));
                            }
                        }
                        return null;
                    });
        });
        return received;
    }

    /**
     * The conversation of each message is looked up by a subquery, so that PostgreSQL always
     * finds it by the key's unique index, however many messages there are.
     */
    private static FixedStatement addToConversations(DSLContext dsl, TableField<ConversationsRecord, String> key) {
        return new FixedStatement(dsl, DSL.resultQuery("""
                with v as (select v.*, (select c.id from conversations c
                                        where c.tenant_id = {0} and c.channel_id = v.channel_id and c.{1} = v.customer_key)
                                       as conversation_id
                           from unnest({2}, {3}, {4}, {5}, {6}, {7}, {8})
                                with ordinality as v(channel_id, customer_key, external_id, kind, payload, contact, sent_at, n)),
                     stored as (insert into inbox (tenant_id, conversation_id, external_id, kind, payload, contact, sent_at)
                                select {0}, conversation_id, external_id, kind, payload, contact, sent_at
                                from v where conversation_id is not null order by n
                                on conflict do nothing returning external_id)
                select conversation_id, external_id in (select external_id from stored) from v order by n""",
                TENANT, DSL.name(key.getName()), CHANNELS, CUSTOMER_KEYS, EXTERNAL_IDS, KINDS, PAYLOADS, CONTACTS, SENT_ATS));
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

    /** Marks events processed with their outcomes (by event id), with one statement. */
    void markProcessed(Map<Long, String> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        markProcessed.with().set(INBOX_IDS, outcomes.keySet().toArray(Long[]::new))
                .set(OUTCOMES, outcomes.values().toArray(String[]::new)).execute();
    }
}
