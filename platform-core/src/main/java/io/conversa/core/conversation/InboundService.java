package io.conversa.core.conversation;

import io.conversa.core.db.Transactions;
import io.conversa.engine.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
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

    InboundService(Transactions transactions, ConversationRepository conversations, InboxRepository inbox,
            EngineCodec codec, ConversationWorkers workers, ConversationEvents conversationEvents) {
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
        UUID conversationId = conversations.findOrCreate(tenantId, channelId, customer);
        boolean added = inbox.add(tenantId, conversationId, "wamid:" + message.messageId(),
                EngineCodec.EventKind.MESSAGE.name(), codec.json(message), codec.json(customer.contactFields()),
                sentAt == null ? null : sentAt.atOffset(ZoneOffset.UTC));
        if (added) {
            conversationEvents.received(tenantId, channelId, conversationId, customer, message, sentAt);
        }
        return new Received(conversationId, added);
    }

    /** Tells the workers that new events were committed. */
    public void wake() {
        workers.wake();
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
