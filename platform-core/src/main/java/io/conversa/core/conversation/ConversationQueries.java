package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.FLOWS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static io.conversa.core.db.jooq.Tables.SESSIONS;
import static io.conversa.core.db.jooq.Tables.STEP_LOG;

import io.conversa.core.web.Page;
import io.conversa.engine.ConversationState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** What the API reads about conversations: always within the caller's tenant. */
@Repository
class ConversationQueries {

    private final DSLContext dsl;
    private final EngineCodec codec;

    ConversationQueries(DSLContext dsl, EngineCodec codec) {
        this.dsl = dsl;
        this.codec = codec;
    }

    /** A step's trace, an entry a row (PostgreSQL reads a function in FROM after the tables before it). */
    private static final Table<?> TRACE_ENTRIES =
            DSL.table("jsonb_array_elements({0}) with ordinality as trace(entry, place)", STEP_LOG.TRACE);
    private static final Field<Long> TRACE_PLACE = DSL.field("trace.place", Long.class);
    private static final Field<String> TRACE_NODE = DSL.field("trace.entry ->> 'node'", String.class);
    private static final Field<String> TRACE_KIND = DSL.field("trace.entry ->> 'kind'", String.class);
    private static final Field<String> TRACE_DETAIL = DSL.field("trace.entry ->> 'detail'", String.class);

    /** Where the list is ordered by: the customer's last message, else the conversation's start. */
    private static final Field<OffsetDateTime> ACTIVITY = DSL.coalesce(CONVERSATIONS.LAST_INBOUND_AT, CONVERSATIONS.CREATED_AT);

    /** Most recent activity first, after the position when given; one more than {@code limit} if there are. */
    List<ConversationView> latest(UUID tenantId, ConversationFilter filter, Page.Position after, int limit) {
        Condition condition = CONVERSATIONS.TENANT_ID.eq(tenantId);
        if (after != null) {
            condition = condition.and(DSL.row(ACTIVITY, CONVERSATIONS.ID).lt(after.at(), after.id()));
        }
        if (filter.status() != null) {
            condition = condition.and(CONVERSATIONS.STATUS.eq(filter.status()));
        }
        if (filter.unassigned()) {
            condition = condition.and(CONVERSATIONS.ASSIGNEE_ID.isNull());
        } else if (filter.assignee() != null) {
            condition = condition.and(CONVERSATIONS.ASSIGNEE_ID.eq(filter.assignee()));
        }
        if (filter.channelId() != null) {
            condition = condition.and(CONVERSATIONS.CHANNEL_ID.eq(filter.channelId()));
        }
        if (filter.label() != null) {
            condition = condition.and(DSL.val(filter.label()).eq(DSL.any(CONVERSATIONS.LABELS)));
        }
        if (filter.handedOff()) {
            condition = condition.and(SESSIONS.STATUS.eq("HANDED_OFF"));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String like = "%" + filter.search().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            condition = condition.and(DSL.field("{0}->>'name'", String.class, CONVERSATIONS.CONTACT).likeIgnoreCase(like)
                    .or(CONVERSATIONS.WA_ID.like(like))
                    .or(DSL.exists(DSL.selectOne().from(INBOX).where(INBOX.CONVERSATION_ID.eq(CONVERSATIONS.ID),
                            DSL.field("{0}->>'text'", String.class, INBOX.PAYLOAD).likeIgnoreCase(like)))));
        }
        return views(condition, limit + 1);
    }

    Optional<ConversationView> find(UUID tenantId, UUID id) {
        return views(CONVERSATIONS.TENANT_ID.eq(tenantId).and(CONVERSATIONS.ID.eq(id)), 1).stream().findFirst();
    }

    /** An agent saw the conversation: nothing in it is unread any more. */
    boolean seen(UUID tenantId, UUID id) {
        return dsl.update(CONVERSATIONS).set(CONVERSATIONS.UNREAD, 0)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id), CONVERSATIONS.UNREAD.gt(0)).execute() == 1;
    }

    /** Waits for the conversation's lock: a reset takes its turn with the worker processing it. */
    boolean lock(UUID tenantId, UUID id) {
        return dsl.selectOne().from(CONVERSATIONS)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id))
                .forNoKeyUpdate().fetchOptional().isPresent();
    }

    /** The entries of the conversation's steps, newest first (each step's own in reverse), each with its step's id. */
    List<StepView> steps(UUID tenantId, UUID conversationId, int limit) {
        return dsl.select(STEP_LOG.ID, STEP_LOG.SESSION_ID, STEP_LOG.AT, TRACE_NODE, TRACE_KIND, TRACE_DETAIL)
                .from(STEP_LOG).join(SESSIONS).on(SESSIONS.ID.eq(STEP_LOG.SESSION_ID))
                .crossJoin(TRACE_ENTRIES)
                .where(STEP_LOG.TENANT_ID.eq(tenantId), SESSIONS.CONVERSATION_ID.eq(conversationId))
                .orderBy(STEP_LOG.ID.desc(), TRACE_PLACE.desc())
                .limit(limit)
                .fetch(r -> new StepView(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    /** The flows the conversation ran, newest first. */
    List<SessionSummary> sessions(UUID tenantId, UUID conversationId, int limit) {
        return dsl.select(SESSIONS.ID, SESSIONS.FLOW_ID, FLOWS.NAME, SESSIONS.FLOW_VERSION, SESSIONS.STATUS, SESSIONS.STARTED_AT,
                        SESSIONS.ENDED_AT, SESSIONS.END_REASON)
                .from(SESSIONS).join(FLOWS).on(FLOWS.ID.eq(SESSIONS.FLOW_ID))
                .where(SESSIONS.TENANT_ID.eq(tenantId), SESSIONS.CONVERSATION_ID.eq(conversationId))
                .orderBy(SESSIONS.STARTED_AT.desc(), SESSIONS.ID)
                .limit(limit)
                .fetch(r -> new SessionSummary(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8()));
    }

    /** Inbound and outbound messages, newest first. */
    List<MessageView> messages(UUID tenantId, UUID conversationId, int limit) {
        // An incoming message is dated by when the customer sent it: Meta may deliver it hours late.
        var inbound = dsl.select(DSL.inline("IN").as("direction"), DSL.coalesce(INBOX.SENT_AT, INBOX.RECEIVED_AT).as("at"),
                        INBOX.RECEIVED_AT.as("recorded_at"), INBOX.PAYLOAD.as("content"),
                        DSL.inline((String) null, String.class).as("status"),
                        DSL.field("{0}->>'messageId'", String.class, INBOX.PAYLOAD).as("wa_message_id"),
                        DSL.inline((Integer) null, Integer.class).as("error_code"),
                        DSL.inline((String) null, String.class).as("error_message"),
                        DSL.field("{0}->'attributes'->'context'->>'id'", String.class, INBOX.PAYLOAD).as("reply_to"),
                        INBOX.ID.as("seq"),
                        // WhatsApp's time has whole seconds: a message that came on time is placed by its
                        // arrival, so it follows what the bot said earlier in the same second; a late one by its time.
                        DSL.field("least({0}, {1} + interval '1 second')", OffsetDateTime.class, INBOX.RECEIVED_AT,
                                DSL.coalesce(INBOX.SENT_AT, INBOX.RECEIVED_AT)).as("placed_at"),
                        DSL.inline("CUSTOMER").as("origin"), DSL.inline((UUID) null, UUID.class).as("author_id"))
                .from(INBOX)
                .where(INBOX.TENANT_ID.eq(tenantId), INBOX.CONVERSATION_ID.eq(conversationId),
                        INBOX.KIND.eq(DSL.inline(EngineCodec.EventKind.MESSAGE.name())));
        var outbound = dsl.select(DSL.inline("OUT"), OUTBOX.CREATED_AT, OUTBOX.CREATED_AT, OUTBOX.MESSAGE, OUTBOX.STATUS,
                        OUTBOX.WA_MESSAGE_ID, OUTBOX.ERROR_CODE, OUTBOX.ERROR_MESSAGE, OUTBOX.CONTEXT_MESSAGE_ID, OUTBOX.ID, OUTBOX.CREATED_AT,
                        OUTBOX.ORIGIN, OUTBOX.AUTHOR_ID)
                .from(OUTBOX)
                .where(OUTBOX.TENANT_ID.eq(tenantId), OUTBOX.CONVERSATION_ID.eq(conversationId),
                        OUTBOX.KIND.eq(DSL.inline("MESSAGE")));
        return dsl.selectFrom(inbound.unionAll(outbound).asTable("m"))
                // Messages of one step share a timestamp; their ids keep the order they were sent in.
                .orderBy(DSL.field(DSL.name("m", "placed_at")).desc(), DSL.field(DSL.name("m", "seq")).desc())
                .limit(limit)
                .fetch(r -> {
                    Map<String, Object> content = codec.map(r.get(3, JSONB.class));
                    return new MessageView(r.get(0, String.class), r.get(1, OffsetDateTime.class), r.get(2, OffsetDateTime.class),
                            String.valueOf(content.get("type")), content, r.get(4, String.class), r.get(5, String.class),
                            r.get(6, Integer.class), r.get(7, String.class), r.get(8, String.class), r.get(11, String.class),
                            r.get(12, UUID.class));
                });
    }

    private List<ConversationView> views(Condition condition, int limit) {
        return dsl.select(DSL.asterisk(), ACTIVITY).from(CONVERSATIONS)
                .leftJoin(SESSIONS).on(SESSIONS.CONVERSATION_ID.eq(CONVERSATIONS.ID), SESSIONS.ENDED_AT.isNull())
                .where(condition)
                .orderBy(ACTIVITY.desc(), CONVERSATIONS.ID.desc())
                .limit(limit)
                .fetch(this::view);
    }

    private ConversationView view(Record r) {
        ConversationView.SessionView session = null;
        if (r.get(SESSIONS.ID) != null) {
            ConversationState state = codec.state(r.get(SESSIONS.STATE));
            session = new ConversationView.SessionView(r.get(SESSIONS.ID), r.get(SESSIONS.FLOW_ID),
                    r.get(SESSIONS.FLOW_VERSION), r.get(SESSIONS.STATUS), state.nodeId(), state.variables(),
                    r.get(SESSIONS.STARTED_AT), r.get(SESSIONS.LAST_ACTIVITY_AT));
        }
        return new ConversationView(r.get(CONVERSATIONS.ID), r.get(CONVERSATIONS.CHANNEL_ID), r.get(CONVERSATIONS.WA_ID),
                codec.map(r.get(CONVERSATIONS.CONTACT)), r.get(CONVERSATIONS.LAST_INBOUND_AT), r.get(CONVERSATIONS.STATUS),
                r.get(CONVERSATIONS.ASSIGNEE_ID), List.of(r.get(CONVERSATIONS.LABELS)), r.get(CONVERSATIONS.HANDED_OFF_AT),
                r.get(CONVERSATIONS.FIRST_RESPONSE_AT), r.get(CONVERSATIONS.CLOSED_AT), r.get(ACTIVITY), r.get(CONVERSATIONS.UNREAD), session);
    }
}
