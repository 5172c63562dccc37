package io.conversa.core.event;

import io.conversa.core.db.Transactions;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads a tenant's events in order, from any position: what the stream, webhooks and catch-up calls share. */
@Service
public class EventFeed {

    public static final int MAX_BATCH = 500;

    private final Transactions transactions;
    private final EventRepository events;

    EventFeed(Transactions transactions, EventRepository events) {
        this.transactions = transactions;
        this.events = events;
    }

    /** Up to {@code limit} events after the position, oldest first; an empty list means none yet. */
    public List<Event> after(UUID tenantId, EventPosition position, int limit) {
        return after(tenantId, position, null, limit);
    }

    /** The same, of these types only (null: all). */
    public List<Event> after(UUID tenantId, EventPosition position, Collection<String> types, int limit) {
        return transactions.inTenant(tenantId, () -> events.after(tenantId, position, types, Math.min(limit, MAX_BATCH)));
    }

    /** The position to read from for what happens from now on. */
    public EventPosition now(UUID tenantId) {
        return transactions.inTenant(tenantId, events::now);
    }
}
