package io.conversa.core.conversation;

import io.conversa.core.db.Transactions;
import io.conversa.core.web.Problems;
import io.conversa.engine.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
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
        return storeAll(tenantId, List.of(new Arrival(channelId, customer, message, sentAt))).getFirst();
    }

    /** A customer's message as it arrived on a number; {@code sentAt} as in {@link #store}. */
    public record Arrival(UUID channelId, Customer customer, Event.InboundMessage message, Instant sentAt) {
    }

    /**
     * Stores one tenant's messages in the caller's transaction, in order: known customers' with one
     * statement (found and stored in one round trip), then new customers' with another after
     * creating their conversations with a third (a customer's messages are all known or all new:
     * the statement sees one snapshot). Callers call {@link #wake()} after their commit.
     *
     * @return for each message, in order, its conversation and whether it was new
     */
    public List<Received> storeAll(UUID tenantId, List<Arrival> arrivals) {
        String kind = EngineCodec.EventKind.MESSAGE.name();
        List<InboxRepository.ForCustomer> rows = arrivals.stream()
                .map(arrival -> new InboxRepository.ForCustomer(arrival.channelId(),
                        ConversationRepository.singleKey(arrival.customer()).orElse(null),
                        "wamid:" + arrival.message().messageId(), kind, codec.json(arrival.message()),
                        codec.json(arrival.customer().contactFields()),
                        arrival.sentAt() == null ? null : arrival.sentAt().atOffset(ZoneOffset.UTC)))
                .toList();
        if (arrivals.size() > 1 && rows.stream().anyMatch(row -> row.key() == null)) {
            // Rare: a customer named by both keys, found apart from the others; one by one keeps every conversation's order.
            return arrivals.stream().map(arrival -> storeAll(tenantId, List.of(arrival)).getFirst()).toList();
        }
        List<Optional<Received>> found = new ArrayList<>(inbox.addToConversations(tenantId, rows));
        List<Integer> newCustomers = IntStream.range(0, rows.size())
                .filter(i -> found.get(i).isEmpty() && rows.get(i).key() != null).boxed().toList();
        if (!newCustomers.isEmpty()) {
            // Their conversations with one statement, then their messages with another.
            conversations.createAll(tenantId, newCustomers.stream()
                    .map(i -> new ConversationRepository.NewCustomer(arrivals.get(i).channelId(), arrivals.get(i).customer())).toList());
            List<Optional<Received>> added = inbox.addToConversations(tenantId, newCustomers.stream().map(rows::get).toList());
            for (int n = 0; n < newCustomers.size(); n++) {
                found.set(newCustomers.get(n), added.get(n));
            }
        }
        List<Received> received = new ArrayList<>(arrivals.size());
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival arrival = arrivals.get(i);
            InboxRepository.ForCustomer row = rows.get(i);
            Received stored = found.get(i).orElseGet(() -> {
                UUID conversationId = conversations.findOrCreate(tenantId, arrival.channelId(), arrival.customer());
                return new Received(conversationId, inbox.add(tenantId, conversationId, row.externalId(), kind,
                        row.payload(), row.contact(), row.sentAt()));
            });
            if (stored.isNew()) {
                conversationEvents.received(tenantId, arrival.channelId(), stored.conversationId(), arrival.customer(),
                        arrival.message(), arrival.sentAt());
            }
            received.add(stored);
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
