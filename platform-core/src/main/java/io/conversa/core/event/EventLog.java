package io.conversa.core.event;

import static io.conversa.core.db.jooq.Tables.EVENTS;

import io.conversa.core.db.BeforeCommit;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Records facts in the transaction of the change they describe, and after its commit tells the
 * readers (this process's and, through the notifier, every other's) that there is news. A
 * transaction's events are inserted together just before it commits, with its other such rows ({@link BeforeCommit}).
 */
@Component
public class EventLog {

    private final BeforeCommit.Rows<EventRepository.NewEvent> recorded;

    EventLog(BeforeCommit beforeCommit, EventRepository events, EventNotifier notifier) {
        this.recorded = beforeCommit.rows(EVENTS, EventRepository.NewEvent::tenantId, events.columns(),
                committed -> committed.stream().map(EventRepository.NewEvent::tenantId).distinct().forEach(notifier::committed));
    }

    /** Must run inside the tenant's transaction: the event commits, or not, with the change. */
    public void record(UUID tenantId, EventType type, UUID conversationId, Map<String, Object> data) {
        recorded.add(new EventRepository.NewEvent(tenantId, type, conversationId, data));
    }
}
