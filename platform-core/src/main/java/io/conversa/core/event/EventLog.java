package io.conversa.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records facts in the transaction of the change they describe, and after its commit tells the
 * readers (this process's and, through the notifier, every other's) that there is news. A
 * transaction's events are inserted together, with one statement, just before it commits.
 */
@Component
public class EventLog {

    private final EventRepository events;
    private final EventNotifier notifier;

    EventLog(EventRepository events, EventNotifier notifier) {
        this.events = events;
        this.notifier = notifier;
    }

    /** Must run inside the tenant's transaction: the event commits, or not, with the change. */
    public void record(UUID tenantId, EventType type, UUID conversationId, Map<String, Object> data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An event is recorded in the transaction of the change it describes");
        }
        inThisTransaction().add(new EventRepository.NewEvent(tenantId, type, conversationId, data));
    }

    /** The events recorded in this transaction; inserted before it commits, their tenants notified after. */
    @SuppressWarnings("unchecked")
    private List<EventRepository.NewEvent> inThisTransaction() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (List<EventRepository.NewEvent>) bound;
        }
        List<EventRepository.NewEvent> recorded = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, recorded);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                events.add(recorded);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(EventLog.this);
                if (status == STATUS_COMMITTED) {
                    recorded.stream().map(EventRepository.NewEvent::tenantId).distinct().forEach(notifier::committed);
                }
            }
        });
        return recorded;
    }
}
