package io.conversa.core.conversation;

import io.conversa.core.db.Transactions;
import io.conversa.core.web.Problems;
import io.conversa.engine.Event;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jooq.JSONB;
import org.springframework.stereotype.Service;

/**
 * Where events enter a conversation: stored durably in the inbox, then processed after the
 * caller has its answer. The same WhatsApp message id stored twice is stored once.
 */
@Service
public class InboundService {

    private final Transactions transactions;
    private final ConversationRepository conversations;
    private final InboxRepository inbox;
    private final EngineCodec codec;
    private final ConversationWorkers workers;
    private final ConversationEvents conversationEvents;
    private final SessionRepository sessions;

    InboundService(Transactions transactions, ConversationRepository conversations, InboxRepository inbox,
            EngineCodec codec, ConversationWorkers workers, ConversationEvents conversationEvents, SessionRepository sessions) {
        this.sessions = sessions;
        this.conversationEvents = conversationEvents;
        this.transactions = transactions;
        this.conversations = conversations;
        this.inbox = inbox;
        this.codec = codec;
        this.workers = workers;
    }

    /**
     * @param waId        the customer's phone number
     * @param profileName their WhatsApp profile name, if known
     * @return the conversation's id, and whether the message was new (false: a redelivery, ignored)
     */
    public Received receive(UUID tenantId, UUID channelId, String waId, String profileName, Event.InboundMessage message) {
        Received received = transactions.inTenant(tenantId,
                () -> store(tenantId, channelId, Customer.ofPhone(waId, profileName), message, null));
        if (received.isNew()) {
            workers.wake();
        }
        return received;
    }

    /**
     * Stores a message in the caller's transaction, for callers that store several at once;
     * they call {@link #wake()} after their commit.
     *
     * @param sentAt when the customer sent it (WhatsApp's timestamp), or null when unknown (then: when received)
     */
    public Received store(UUID tenantId, UUID channelId, Customer customer, Event.InboundMessage message, Instant sentAt) {
        String externalId = "wamid:" + message.messageId();
        String kind = EngineCodec.EventKind.MESSAGE.name();
        JSONB payload = codec.json(message);
        JSONB contact = codec.json(customer.contactFields());
        OffsetDateTime sent = sentAt == null ? null : sentAt.atOffset(ZoneOffset.UTC);
        // A known customer's message: found and stored in one round trip.
        Received received = ConversationRepository.singleKey(customer)
                .flatMap(key -> inbox.addToConversation(tenantId, channelId, key, externalId,
                        kind, payload, contact, sent))
                .orElseGet(() -> {
                    UUID conversationId = conversations.findOrCreate(tenantId, channelId, customer);
                    return new Received(conversationId, inbox.add(tenantId, conversationId, externalId, kind, payload, contact, sent));
                });
        if (received.isNew()) {
            conversationEvents.received(tenantId, channelId, received.conversationId(), customer, message, sentAt);
        }
        return received;
    }

    /** Tells the workers that new events were committed. */
    public void wake() {
        workers.wake();
    }

    /** The customer's conversation on the number, created if they have none yet; in the caller's transaction. */
    public UUID conversationFor(UUID tenantId, UUID channelId, Customer customer) {
        return conversations.findOrCreate(tenantId, channelId, customer);
    }

    /**
     * Queues the start of a flow version for the customer, in the caller's transaction; a worker
     * runs it (call {@link #wake} after the commit). A running session is refused unless
     * {@code replace}, which ends it.
     */
    public void queueStart(UUID tenantId, UUID conversationId, UUID flowId, int version, Map<String, Object> variables,
            boolean replace) {
        if (!replace && (sessions.active(conversationId).isPresent()
                || inbox.hasPending(conversationId, EngineCodec.EventKind.STARTED.name()))) {
            throw Problems.conflict("conversation.flow-running");
        }
        inbox.add(tenantId, conversationId, "start:" + UUID.randomUUID(), EngineCodec.EventKind.STARTED.name(),
                codec.json(new Event.Started(flowId.toString(), version, variables)));
    }

    /** An agent hands the conversation back to the bot. */
    public void releaseToBot(UUID tenantId, UUID conversationId) {
        transactions.inTenant(tenantId, () -> {
            inbox.add(tenantId, conversationId, "release:" + UUID.randomUUID(), EngineCodec.EventKind.AGENT_RELEASED.name(),
                    codec.json(new Event.AgentReleased()));
            conversationEvents.released(tenantId, conversationId);
            return null;
        });
        workers.wake();
    }

    public record Received(UUID conversationId, boolean isNew) {
    }
}
