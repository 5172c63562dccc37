package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.MODULE_CALLS;
import static io.conversa.core.db.jooq.Tables.MODULE_EXECUTIONS;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static io.conversa.core.db.jooq.Tables.SESSIONS;
import static io.conversa.core.db.jooq.Tables.TIMERS;

import io.conversa.core.db.FixedStatement;
import io.conversa.core.db.jooq.tables.records.ConversationsRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

@Repository
class ConversationRepository {

    /** Longer texts are never an opt-out keyword: they go to the statement as null, compared with nothing. */
    private static final int MAX_KEYWORD = 30;

    private static final Param<UUID> ID = DSL.param("id", CONVERSATIONS.ID);
    private static final JSONB EMPTY = JSONB.valueOf("{}");
    private static final Param<UUID[]> IDS = DSL.param("ids", SQLDataType.UUID.array());
    private static final Param<UUID[]> TENANTS = DSL.param("tenants", SQLDataType.UUID.array());
    private static final Param<JSONB[]> CONTACTS = DSL.param("contacts", SQLDataType.JSONB.array());
    private static final Param<OffsetDateTime[]> SENT_ATS = DSL.param("sentAts", SQLDataType.TIMESTAMPWITHTIMEZONE.array());
    private static final Param<String[]> TEXTS = DSL.param("texts", SQLDataType.CLOB.array());
    private static final Param<Integer> LIMIT = DSL.param("limit", SQLDataType.INTEGER);
    private static final Param<UUID> TENANT = DSL.param("tenant", CONVERSATIONS.TENANT_ID);
    private static final Param<UUID> CHANNEL = DSL.param("channel", CONVERSATIONS.CHANNEL_ID);
    private static final Param<String> KEY = DSL.param("key", CONVERSATIONS.WA_ID);
    private static final Param<String> WA_ID = DSL.param("waId", CONVERSATIONS.WA_ID);
    private static final Param<String> USER_ID = DSL.param("userId", CONVERSATIONS.USER_ID);
    private static final Param<UUID[]> CHANNELS = DSL.param("channels", SQLDataType.UUID.array());
    private static final Param<String[]> WA_IDS = DSL.param("waIds", SQLDataType.CLOB.array());
    private static final Param<String[]> USER_IDS = DSL.param("userIds", SQLDataType.CLOB.array());

    private final DSLContext dsl;
    private final FixedStatement recordInbound;
    private final FixedStatement claimWithPendingEvents;
    /** By the key column that finds the conversation. */
    private final Map<TableField<ConversationsRecord, String>, FixedStatement> find;
    private final FixedStatement insert;
    private final FixedStatement insertAll;

    ConversationRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.recordInbound = recordInbound(dsl);
        this.claimWithPendingEvents = new FixedStatement(dsl, DSL.select(CONVERSATIONS.fields()).from(INBOX)
                .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(INBOX.CONVERSATION_ID))
                // "id > 0" (always true) matches the claim's own index (V30), which no other query can use.
                .where(INBOX.PROCESSED_AT.isNull(), INBOX.ID.gt(DSL.inline(0L)))
                .orderBy(INBOX.ID)
                .limit(LIMIT)
                .forNoKeyUpdate().of(CONVERSATIONS).skipLocked());
        this.find = Map.of(CONVERSATIONS.WA_ID, find(dsl, CONVERSATIONS.WA_ID), CONVERSATIONS.USER_ID, find(dsl, CONVERSATIONS.USER_ID));
        this.insert = new FixedStatement(dsl, DSL.insertInto(CONVERSATIONS, CONVERSATIONS.ID, CONVERSATIONS.TENANT_ID,
                        CONVERSATIONS.CHANNEL_ID, CONVERSATIONS.WA_ID, CONVERSATIONS.USER_ID)
                .values(ID, TENANT, CHANNEL, WA_ID, USER_ID)
                .onConflictDoNothing()
                .returning(CONVERSATIONS.ID));
        Table<?> customers = DSL.table("unnest({0}, {1}, {2}, {3}) with ordinality as v(id, channel_id, wa_id, user_id, n)",
                IDS, CHANNELS, WA_IDS, USER_IDS);
        this.insertAll = new FixedStatement(dsl, DSL.insertInto(CONVERSATIONS, CONVERSATIONS.ID, CONVERSATIONS.TENANT_ID,
                        CONVERSATIONS.CHANNEL_ID, CONVERSATIONS.WA_ID, CONVERSATIONS.USER_ID)
                .select(DSL.select(DSL.field(DSL.name("v", "id"), UUID.class), TENANT, DSL.field(DSL.name("v", "channel_id"), UUID.class),
                                DSL.field(DSL.name("v", "wa_id"), String.class), DSL.field(DSL.name("v", "user_id"), String.class))
                        .from(customers).orderBy(DSL.field(DSL.name("v", "n"))))
                .onConflictDoNothing());
    }

    /**
     * Creates a conversation for each customer on its channel, with one statement; a customer who
     * has one already (another transaction created it meanwhile) keeps it. In one order whatever
     * the callers' (by channel and key), so that two transactions creating the same customers wait
     * at most for the other's commit and never deadlock.
     */
    void createAll(UUID tenantId, Collection<NewCustomer> customers) {
        List<NewCustomer> ordered = customers.stream().distinct()
                .sorted(Comparator.comparing(NewCustomer::channelId).thenComparing(NewCustomer::waId)).toList();
        insertAll.with().set(TENANT, tenantId)
                .set(IDS, ordered.stream().map(c -> UUID.randomUUID()).toArray(UUID[]::new))
                .set(CHANNELS, ordered.stream().map(NewCustomer::channelId).toArray(UUID[]::new))
                .set(WA_IDS, ordered.stream().map(NewCustomer::waId).toArray(String[]::new))
                .set(USER_IDS, ordered.stream().map(NewCustomer::userId).toArray(String[]::new))
                .execute();
    }

    /** A customer known by one key (see {@link #singleKey}): their conversation's key columns on the channel. */
    record NewCustomer(UUID channelId, String waId, String userId) {

        NewCustomer(UUID channelId, Customer customer) {
            this(channelId, customer.waId(), customer.userId());
        }
    }

    /**
     * The customer's conversation on the channel, created on their first message. Never waits
     * for the row lock a worker holds while processing the conversation, except to merge two
     * conversations that turn out to be one customer's.
     */
    UUID findOrCreate(UUID tenantId, UUID channelId, Customer customer) {
        return singleKey(customer)
                // Read first: inserting a known customer's key would wait for any worker updating their conversation.
                .map(key -> find(tenantId, channelId, key)
                        .or(() -> insert(tenantId, channelId, customer.waId(), customer.userId()))
                        .orElseGet(() -> find(tenantId, channelId, key).orElseThrow()))
                .orElseGet(() -> findOrCreateKnowingBoth(tenantId, channelId, customer.phone(), customer.userId()));
    }

    /**
     * A message naming both the phone number and the BSUID: the conversation keyed by the phone
     * number learns the BSUID; one known only by the BSUID gets the phone number as its key, or,
     * when the phone number has a conversation of its own, is merged into it.
     */
    private UUID findOrCreateKnowingBoth(UUID tenantId, UUID channelId, String phone, String userId) {
        Optional<ConversationsRecord> byPhone = dsl.selectFrom(CONVERSATIONS)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.CHANNEL_ID.eq(channelId), CONVERSATIONS.WA_ID.eq(phone))
                .fetchOptional();
        if (byPhone.isPresent() && userId.equals(byPhone.get().getUserId())) {
            return byPhone.get().getId();
        }
        Optional<UUID> byUserId = find(tenantId, channelId, new CustomerKey(CONVERSATIONS.USER_ID, userId));
        if (byPhone.isEmpty()) {
            return byUserId.map(id -> {
                dsl.update(CONVERSATIONS).set(CONVERSATIONS.WA_ID, phone).where(CONVERSATIONS.ID.eq(id)).execute();
                return id;
            }).or(() -> insert(tenantId, channelId, phone, userId))
                    .orElseGet(() -> findOrCreateKnowingBoth(tenantId, channelId, phone, userId));
        }
        UUID survivor = byPhone.get().getId();
        byUserId.ifPresent(merged -> merge(merged, survivor));
        dsl.update(CONVERSATIONS).set(CONVERSATIONS.USER_ID, userId).where(CONVERSATIONS.ID.eq(survivor)).execute();
        return survivor;
    }

    /**
     * Moves a conversation's history into another one of the same customer and deletes it: its
     * running session ends (MERGED), its events, messages, sessions and module calls move.
     */
    private void merge(UUID merged, UUID survivor) {
        // Both locked in one order, so two merges never wait for each other.
        dsl.selectOne().from(CONVERSATIONS).where(CONVERSATIONS.ID.in(merged, survivor))
                .orderBy(CONVERSATIONS.ID).forUpdate().fetch();
        OffsetDateTime now = OffsetDateTime.now();
        dsl.deleteFrom(TIMERS).where(TIMERS.CONVERSATION_ID.eq(merged)).execute();
        dsl.update(SESSIONS).set(SESSIONS.ENDED_AT, now).set(SESSIONS.END_REASON, "MERGED").set(SESSIONS.STATUS, "ENDED")
                .where(SESSIONS.CONVERSATION_ID.eq(merged), SESSIONS.ENDED_AT.isNull()).execute();
        dsl.update(SESSIONS).set(SESSIONS.CONVERSATION_ID, survivor).where(SESSIONS.CONVERSATION_ID.eq(merged)).execute();
        dsl.update(INBOX).set(INBOX.CONVERSATION_ID, survivor).where(INBOX.CONVERSATION_ID.eq(merged)).execute();
        dsl.update(OUTBOX).set(OUTBOX.CONVERSATION_ID, survivor).where(OUTBOX.CONVERSATION_ID.eq(merged)).execute();
        dsl.update(MODULE_CALLS).set(MODULE_CALLS.CONVERSATION_ID, survivor).where(MODULE_CALLS.CONVERSATION_ID.eq(merged)).execute();
        dsl.update(MODULE_EXECUTIONS).set(MODULE_EXECUTIONS.CONVERSATION_ID, survivor)
                .where(MODULE_EXECUTIONS.CONVERSATION_ID.eq(merged)).execute();
        ConversationsRecord gone = dsl.deleteFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(merged))
                .returning().fetchSingle();
        dsl.update(CONVERSATIONS)
                .set(CONVERSATIONS.CONTACT, DSL.field("{0} || {1}", JSONB.class, DSL.val(gone.getContact()), CONVERSATIONS.CONTACT))
                .set(CONVERSATIONS.LAST_INBOUND_AT, DSL.greatest(CONVERSATIONS.LAST_INBOUND_AT, DSL.val(gone.getLastInboundAt())))
                .where(CONVERSATIONS.ID.eq(survivor)).execute();
    }

    private Optional<UUID> insert(UUID tenantId, UUID channelId, String waId, String userId) {
        return insert.with().set(ID, UUID.randomUUID()).set(TENANT, tenantId).set(CHANNEL, channelId).set(WA_ID, waId)
                .set(USER_ID, userId).fetch(ConversationRepository::firstId);
    }

    private Optional<UUID> find(UUID tenantId, UUID channelId, CustomerKey key) {
        return find.get(key.column()).with().set(TENANT, tenantId).set(CHANNEL, channelId).set(KEY, key.value())
                .fetch(ConversationRepository::firstId);
    }

    private static FixedStatement find(DSLContext dsl, TableField<ConversationsRecord, String> key) {
        return new FixedStatement(dsl, lookup(TENANT, CHANNEL, key.eq(KEY)));
    }

    private static Optional<UUID> firstId(ResultSet results) throws SQLException {
        return results.next() ? Optional.of(results.getObject(1, UUID.class)) : Optional.empty();
    }

    /** The id of the customer's conversation on the channel. */
    private static Select<Record1<UUID>> lookup(Field<UUID> tenantId, Field<UUID> channelId, Condition customer) {
        return DSL.select(CONVERSATIONS.ID).from(CONVERSATIONS)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.CHANNEL_ID.eq(channelId), customer);
    }

    /**
     * The key that finds the customer's conversation when the message names one (the phone number
     * or the BSUID); empty when it names both, as then two conversations may have to become one.
     */
    static Optional<CustomerKey> singleKey(Customer customer) {
        if (customer.phone() != null && customer.userId() != null) {
            return Optional.empty();
        }
        return Optional.of(customer.phone() != null ? new CustomerKey(CONVERSATIONS.WA_ID, customer.phone())
                : new CustomerKey(CONVERSATIONS.USER_ID, customer.userId()));
    }

    /** One of a customer's keys: the conversation's column that holds it, and its value. */
    record CustomerKey(TableField<ConversationsRecord, String> column, String value) {
    }

    Optional<ConversationsRecord> find(UUID id) {
        return dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id)).fetchOptional();
    }

    /** Makes this the builder's test conversation: its new sessions start on this flow version. */
    void testOn(UUID id, UUID flowId, int version) {
        dsl.update(CONVERSATIONS).set(CONVERSATIONS.TEST_FLOW_ID, flowId).set(CONVERSATIONS.TEST_FLOW_VERSION, version)
                .where(CONVERSATIONS.ID.eq(id)).execute();
    }

    /** Merges contact fields a module changed (tags, attributes) into the conversation's contact; returns the contact. */
    JSONB mergeContact(UUID id, JSONB fields) {
        return dsl.update(CONVERSATIONS)
                .set(CONVERSATIONS.CONTACT, DSL.field("{0} || {1}", JSONB.class, CONVERSATIONS.CONTACT, DSL.val(fields)))
                .where(CONVERSATIONS.ID.eq(id))
                .returning(CONVERSATIONS.CONTACT)
                .fetchSingle(CONVERSATIONS.CONTACT);
    }

    /** A customer's message a batch processes: what it says of the contact, when it was sent and its text, if any. */
    record Inbound(ConversationsRecord conversation, JSONB contact, OffsetDateTime sentAt, String text) {
    }

    /**
     * Records a batch's messages, in order, with one statement: for each conversation, counts them
     * unread, merges what they say of the contact (a later message's field wins), records when the
     * customer last wrote (the 24-hour window: a message delivered late never moves it back or
     * opens a window that had closed), opts the contact out at the first text that is one of the
     * tenant's opt-out keywords, opens the conversation if it was closed, and sets each
     * conversation's record to its contact and last inbound time as they now stand.
     */
    void recordInbound(List<Inbound> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Map<UUID, ConversationsRecord> byId = new HashMap<>();
        messages.forEach(message -> byId.put(message.conversation().getId(), message.conversation()));
        recordInbound.with()
                .set(IDS, messages.stream().map(m -> m.conversation().getId()).toArray(UUID[]::new))
                .set(TENANTS, messages.stream().map(m -> m.conversation().getTenantId()).toArray(UUID[]::new))
                .set(CONTACTS, messages.stream().map(m -> m.contact() == null ? EMPTY : m.contact()).toArray(JSONB[]::new))
                .set(SENT_ATS, messages.stream().map(Inbound::sentAt).toArray(OffsetDateTime[]::new))
                // Only a short text can be a keyword.
                .set(TEXTS, messages.stream().map(m -> m.text() != null && m.text().length() <= MAX_KEYWORD ? m.text() : null)
                        .toArray(String[]::new))
                .fetch(updated -> {
                    while (updated.next()) {
                        ConversationsRecord conversation = byId.get(updated.getObject(1, UUID.class));
                        conversation.setContact(JSONB.valueOf(updated.getString(2)));
                        conversation.setLastInboundAt(updated.getObject(3, OffsetDateTime.class));
                    }
                    return null;
                });
    }

    /**
     * The ids are also the conversations' own condition: joined to the aggregate alone, a generic
     * plan made while the table was small reads the whole table for every batch.
     */
    private static FixedStatement recordInbound(DSLContext dsl) {
        return new FixedStatement(dsl, DSL.resultQuery("""
                with m as (select * from unnest({0}, {1}, {2}, {3}, {4})
                               with ordinality as m(id, tenant_id, contact, sent_at, text, n)),
                v as (select m.id, count(*) as received, max(m.sent_at) as last_sent,
                             (array_agg(m.sent_at order by m.n) filter (where upper(btrim(m.text)) = any(
                                 select upper(k) from tenants, unnest(tenants.opt_out_keywords) k
                                 where tenants.id = m.tenant_id)))[1] as opted_out_at
                      from m group by m.id)
                update conversations c
                set contact = c.contact
                        || coalesce((select jsonb_object_agg(f.key, f.value order by m.n) from m, jsonb_each(m.contact) f
                                     where m.id = v.id), '{}')
                        || case when v.opted_out_at is not null and not jsonb_exists(c.contact, 'optedOutAt')
                                then jsonb_build_object('optedOutAt', v.opted_out_at) else '{}' end,
                    last_inbound_at = greatest(c.last_inbound_at, v.last_sent),
                    unread = c.unread + v.received,
                    status = 'OPEN',
                    closed_at = null
                from v
                where c.id = v.id and c.id = any({0})
                returning c.id, c.contact, c.last_inbound_at""", IDS, TENANTS, CONTACTS, SENT_ATS, TEXTS));
    }

    /** A flow handed the conversation to a person: a new wait for a first response begins. */
    void handedOff(UUID id, OffsetDateTime at) {
        dsl.update(CONVERSATIONS).set(CONVERSATIONS.HANDED_OFF_AT, at).setNull(CONVERSATIONS.FIRST_RESPONSE_AT)
                .set(CONVERSATIONS.STATUS, "OPEN").setNull(CONVERSATIONS.CLOSED_AT)
                .where(CONVERSATIONS.ID.eq(id)).execute();
    }

    /** The customer was told the business is closed (the live chat's away message). */
    void awayReplied(UUID id, OffsetDateTime at) {
        dsl.update(CONVERSATIONS).set(CONVERSATIONS.AWAY_REPLIED_AT, at).where(CONVERSATIONS.ID.eq(id)).execute();
    }

    /**
     * Locks the conversation for processing, unless another worker holds it. A "no key update"
     * lock: rows that refer to the conversation (a webhook's new event, checked by its foreign key
     * with a key-share lock) are stored meanwhile instead of waiting for the worker's commit.
     */
    Optional<ConversationsRecord> lock(UUID id) {
        return dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(id)).forNoKeyUpdate().skipLocked().fetchOptional();
    }

    /**
     * Locks the conversations of the oldest waiting events (up to {@code events} of them) that no
     * other worker holds, oldest first: the workers of every node share the work without waiting
     * for each other (nor does a webhook storing the next event: see {@link #lock}).
     */
    List<ConversationsRecord> claimWithPendingEvents(int events) {
        Map<UUID, ConversationsRecord> claimed = new LinkedHashMap<>();
        claimWithPendingEvents.with().set(LIMIT, events)
                .fetchInto(CONVERSATIONS)
                .forEach(conversation -> claimed.putIfAbsent(conversation.getId(), conversation));
        return List.copyOf(claimed.values());
    }
}
