package io.conversa.core.conversation;

import io.conversa.core.db.Transactions;
import io.conversa.engine.Event;
import java.util.LinkedHashMap;
import java.util.Map;
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

    InboundService(Transactions transactions, ConversationRepository conversations, InboxRepository inbox,
            EngineCodec codec, ConversationWorkers workers) {
        this.transactions = transactions;
        this.conversations = conversations;
        this.inbox = inbox;
        this.codec = codec;
        this.workers = workers;
    }

    /**
     * @param waId        the customer's WhatsApp id
     * @param profileName their WhatsApp profile name, if known
     * @return the conversation's id, and whether the message was new (false: a redelivery, ignored)
     */
    public Received receive(UUID tenantId, UUID channelId, String waId, String profileName, Event.InboundMessage message) {
        Received received = transactions.inTenant(tenantId, () -> store(tenantId, channelId, waId, profileName, message));
        if (received.isNew()) {
            workers.wake();
        }
        return received;
    }

    /**
     * Stores a message in the caller's transaction, for callers that store several at once;
     * they call {@link #wake()} after their commit.
     */
    public Received store(UUID tenantId, UUID channelId, String waId, String profileName, Event.InboundMessage message) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("phone", waId);
        if (profileName != null && !profileName.isBlank()) {
            contact.put("name", profileName);
        }
        UUID conversationId = conversations.findOrCreate(tenantId, channelId, waId);
        boolean added = inbox.add(tenantId, conversationId, "wamid:" + message.messageId(),
                EngineCodec.EventKind.MESSAGE.name(), codec.json(message), codec.json(contact));
        return new Received(conversationId, added);
    }

    /** Tells the workers that new events were committed. */
    public void wake() {
        workers.wake();
    }

    /** An agent hands the conversation back to the bot. */
    public void releaseToBot(UUID tenantId, UUID conversationId) {
        transactions.inTenant(tenantId, () -> inbox.add(tenantId, conversationId, "release:" + UUID.randomUUID(),
                EngineCodec.EventKind.AGENT_RELEASED.name(), codec.json(new Event.AgentReleased())));
        workers.wake();
    }

    public record Received(UUID conversationId, boolean isNew) {
    }
}
