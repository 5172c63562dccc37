package io.conversa.core.conversation;

import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Page;
import io.conversa.core.web.Problems;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Seeing where conversations stand, and getting a stuck one moving again. */
@Service
public class ConversationService {

    private final Transactions transactions;
    private final ConversationQueries queries;
    private final SessionRepository sessions;
    private final InboundService inbound;
    private final Clock clock;
    private final ConversationEvents conversationEvents;

    ConversationService(Transactions transactions, ConversationQueries queries, SessionRepository sessions,
            InboundService inbound, Clock clock, ConversationEvents conversationEvents) {
        this.conversationEvents = conversationEvents;
        this.transactions = transactions;
        this.queries = queries;
        this.sessions = sessions;
        this.inbound = inbound;
        this.clock = clock;
    }

    /** Most recent activity first; {@code cursor} is the {@code next} of the page before. */
    public Page<ConversationView> page(Caller caller, ConversationFilter filter, String cursor, int limit) {
        Page.Position after = Page.after(cursor);
        return transactions.inTenant(caller.tenantId(), () -> Page.of(queries.latest(caller.tenantId(), filter, after, limit),
                limit, c -> new Page.Position(c.activityAt(), c.id())));
    }

    public ConversationView get(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> queries.find(caller.tenantId(), id)
                .orElseThrow(() -> notFound(id)));
    }

    public List<StepView> steps(Caller caller, UUID id, int limit) {
        return transactions.inTenant(caller.tenantId(), () -> {
            queries.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
            return queries.steps(caller.tenantId(), id, limit);
        });
    }

    /** An agent saw the conversation's messages: its unread count goes back to zero. */
    public void seen(Caller caller, UUID id) {
        transactions.inTenant(caller.tenantId(), () -> queries.seen(caller.tenantId(), id));
    }

    public List<SessionSummary> sessions(Caller caller, UUID id, int limit) {
        return transactions.inTenant(caller.tenantId(), () -> {
            queries.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
            return queries.sessions(caller.tenantId(), id, limit);
        });
    }

    public List<MessageView> messages(Caller caller, UUID id, int limit) {
        return transactions.inTenant(caller.tenantId(), () -> {
            queries.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
            return queries.messages(caller.tenantId(), id, limit);
        });
    }

    /** Ends the running session: the customer's next message starts a flow afresh, on its latest version. */
    public ConversationView reset(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> {
            if (!queries.lock(caller.tenantId(), id)) {
                throw notFound(id);
            }
            sessions.active(id).ifPresent(session -> conversationEvents.sessionEnded(
                    sessions.end(session.getId(), "RESET", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))));
            return queries.find(caller.tenantId(), id).orElseThrow();
        });
    }

    /** Hands a conversation waiting for a person back to the bot. */
    public void release(Caller caller, UUID id) {
        get(caller, id);
        inbound.releaseToBot(caller.tenantId(), id);
    }

    private static RuntimeException notFound(UUID id) {
        return Problems.notFound("conversation.not-found", id);
    }
}
