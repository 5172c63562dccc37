package io.conversa.core.event;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records facts in the transaction of the change they describe, and after its commit tells the
 * readers (this process's and, through the notifier, every other's) that there is news.
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
        events.add(tenantId, type, conversationId, data);
        tenantsToNotify().add(tenantId);
    }

    /** The tenants with events in this transaction; notified once each, after it commits. */
    @SuppressWarnings("unchecked")
    private Set<UUID> tenantsToNotify() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (Set<UUID>) bound;
        }
        Set<UUID> tenants = new LinkedHashSet<>();
        TransactionSynchronizationManager.bindResource(this, tenants);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(EventLog.this);
                if (status == STATUS_COMMITTED) {
                    List.copyOf(tenants).forEach(notifier::committed);
                }
            }
        });
        return tenants;
    }
}
