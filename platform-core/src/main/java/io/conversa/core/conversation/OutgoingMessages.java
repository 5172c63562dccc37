package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.OUTBOX;

import io.conversa.core.web.Problems;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Template;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Messages that people and tenants' systems send (not a flow's step): queued in the same outbox as
 * the flows' messages, so they share the per-customer order, the limits, the retries and the
 * statuses. Joins the caller's transaction.
 */
@Service
public class OutgoingMessages {

    /** The Cloud API's code for a free-form message outside the customer-service window. */
    public static final int OUTSIDE_WINDOW = 131047;
    public static final Duration CUSTOMER_SERVICE_WINDOW = Duration.ofHours(24);
    /** How long a sender holds a message: longer than its calls (connect 5 s + answer 15 s each) plus the throughput waits. */
    public static final Duration SEND_LEASE = Duration.ofMinutes(1);

    private final DSLContext dsl;
    private final ConversationRepository conversations;
    private final EngineCodec codec;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OutgoingMessages(DSLContext dsl, ConversationRepository conversations, EngineCodec codec, ApplicationEventPublisher events,
            Clock clock) {
        this.dsl = dsl;
        this.conversations = conversations;
        this.codec = codec;
        this.events = events;
        this.clock = clock;
    }

    /** A queued message: its id in the outbox and its conversation. */
    public record Queued(long id, UUID conversationId) {
    }

    /** An outgoing message as its sender follows it. */
    public record Sent(long id, UUID conversationId, String status, String waMessageId, Integer errorCode, String errorMessage,
            OffsetDateTime createdAt, OffsetDateTime sentAt) {
    }

    /**
     * Queues a message to the customer, refusing (before anything is queued) a free-form message
     * when the customer has not written within 24 hours: only a template may open a conversation.
     *
     * @param replyTo the WhatsApp id of the message it quotes, or null
     */
    public Queued queue(UUID tenantId, UUID channelId, Customer customer, OutgoingMessage message, String replyTo) {
        return queueIn(tenantId, conversations.findOrCreate(tenantId, channelId, customer), message, replyTo, Origin.API, null);
    }

    /**
     * Whether the business may write to the customer: when they last wrote (messages stored but
     * not processed yet count too: the customer wrote when they wrote), whether the 24-hour
     * window is open, and since when they opted out of proactive messages (null: they did not).
     */
    public record Reachability(OffsetDateTime lastInbound, boolean windowOpen, String optedOutAt) {

        public ErrorResponseException optedOut() {
            return Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "message.opted-out", optedOutAt);
        }

        /** Only a template may open the conversation: the Cloud API's 131047, refused before anything is queued. */
        public ErrorResponseException windowClosed() {
            ErrorResponseException refusal = lastInbound == null
                    ? Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "message.never-wrote")
                    : Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "message.window-closed", lastInbound);
            refusal.getBody().setProperty("cloudApiCode", OUTSIDE_WINDOW);
            return refusal;
        }
    }

    /** Whether a customer who last wrote at {@code lastInbound} (null: never) may get a free-form message at {@code now}. */
    public static boolean windowOpen(OffsetDateTime lastInbound, OffsetDateTime now) {
        return lastInbound != null && lastInbound.plus(CUSTOMER_SERVICE_WINDOW).isAfter(now);
    }

    /** Runs in the caller's transaction. */
    public Reachability reachability(UUID conversationId) {
        var conversation = dsl.select(DSL.greatest(CONVERSATIONS.LAST_INBOUND_AT,
                        DSL.select(DSL.max(DSL.coalesce(INBOX.SENT_AT, INBOX.RECEIVED_AT))).from(INBOX)
                                .where(INBOX.CONVERSATION_ID.eq(conversationId), INBOX.PROCESSED_AT.isNull(),
                                        INBOX.KIND.eq(EngineCodec.EventKind.MESSAGE.name())).asField()),
                        DSL.field("{0}->>'optedOutAt'", String.class, CONVERSATIONS.CONTACT))
                .from(CONVERSATIONS).where(CONVERSATIONS.ID.eq(conversationId)).fetchSingle();
        OffsetDateTime last = conversation.value1();
        return new Reachability(last, windowOpen(last, OffsetDateTime.now(clock)),
                conversation.value2());
    }

    /** Who wrote a message that is not a flow's: a member of the tenant (an agent), or a tenant's system. */
    public enum Origin {
        AGENT, API
    }

    /** The same, into a conversation that exists, written by {@code authorId} (a member) or null (a system). */
    public Queued queueIn(UUID tenantId, UUID conversationId, OutgoingMessage message, String replyTo, Origin origin,
            UUID authorId) {
        boolean template = message instanceof Template;
        Reachability reach = reachability(conversationId);
        // Proactive messages (templates, and whatever a tenant's system sends) never reach a customer who opted out.
        if (reach.optedOutAt() != null && (template || origin == Origin.API)) {
            throw reach.optedOut();
        }
        if (!template && !reach.windowOpen()) {
            throw reach.windowClosed();
        }
        long id = dsl.insertInto(OUTBOX)
                .set(OUTBOX.TENANT_ID, tenantId).set(OUTBOX.CONVERSATION_ID, conversationId)
                .set(OUTBOX.IDEMPOTENCY_KEY, "send:" + UUID.randomUUID())
                .set(OUTBOX.KIND, OutboxRepository.Kind.MESSAGE.name())
                .set(OUTBOX.MESSAGE, codec.json(message))
                .set(OUTBOX.CONTEXT_MESSAGE_ID, replyTo)
                .set(OUTBOX.ORIGIN, origin.name())
                .set(OUTBOX.AUTHOR_ID, authorId)
                .returning(OUTBOX.ID).fetchSingle(OUTBOX.ID);
        events.publishEvent(new OutgoingMessagesQueued());
        return new Queued(id, conversationId);
    }

    /**
     * Marks the customer's message read (blue ticks) and, with {@code typing}, shows "typing..." for
     * a while: through the outbox, in order with the conversation's messages. Once per message and mode.
     */
    public void markRead(UUID tenantId, UUID conversationId, String waMessageId, boolean typing) {
        dsl.insertInto(OUTBOX)
                .set(OUTBOX.TENANT_ID, tenantId).set(OUTBOX.CONVERSATION_ID, conversationId)
                .set(OUTBOX.IDEMPOTENCY_KEY, (typing ? "typing:" + UUID.randomUUID() : "read:" + conversationId + ":" + waMessageId))
                .set(OUTBOX.KIND, OutboxRepository.Kind.READ_RECEIPT.name())
                .set(OUTBOX.MESSAGE, codec.json(Map.of("typing", typing)))
                .set(OUTBOX.CONTEXT_MESSAGE_ID, waMessageId)
                .set(OUTBOX.ORIGIN, Origin.AGENT.name())
                .onConflictDoNothing()
                .execute();
        events.publishEvent(new OutgoingMessagesQueued());
    }

    public Optional<Sent> find(UUID tenantId, long id) {
        return dsl.select(OUTBOX.ID, OUTBOX.CONVERSATION_ID, OUTBOX.STATUS, OUTBOX.WA_MESSAGE_ID, OUTBOX.ERROR_CODE,
                        OUTBOX.ERROR_MESSAGE, OUTBOX.CREATED_AT, OUTBOX.SENT_AT)
                .from(OUTBOX)
                .where(OUTBOX.TENANT_ID.eq(tenantId), OUTBOX.ID.eq(id), OUTBOX.KIND.eq(OutboxRepository.Kind.MESSAGE.name()))
                .fetchOptional(r -> new Sent(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8()));
    }
}
