package io.conversa.core.event;

import io.conversa.core.db.BeforeCommit;
import io.conversa.core.db.Transactions;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Records facts in the transaction of the change they describe, and after its commit tells the
 * readers (this process's and, through the notifier, every other's) that there is news. A
 * transaction's events are inserted together, with one statement, just before it commits.
 */
@Component
public class EventLog {

    private final BeforeCommit<EventRepository.NewEvent> recorded;

    EventLog(Transactions transactions, EventRepository events, EventNotifier notifier) {
        this.recorded = new BeforeCommit<>(transactions, EventRepository.NewEvent::tenantId, events::add,
                committed -> committed.stream().map(EventRepository.NewEvent::tenantId).distinct().forEach(notifier::committed));
    }

    /** Must run inside the tenant's transaction: the event commits, or not, with the change. */
    public void record(UUID tenantId, EventType type, UUID conversationId, Map<String, Object> data) {
        recorded.add(new EventRepository.NewEvent(tenantId, type, conversationId, data));
    }
}
