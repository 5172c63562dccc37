package io.conversa.core.event;

import io.conversa.core.background.RetentionCleaner;
import io.conversa.core.db.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the event log to its retention ({@code conversa.events.retention}, 30 days): long enough
 * for any stream client or webhook receiver to catch up after an outage.
 */
@Component
class EventLogCleaner extends RetentionCleaner {

    private final Transactions transactions;
    private final EventRepository events;

    EventLogCleaner(Transactions transactions, EventRepository events,
            @Value("${conversa.events.retention:30d}") Duration retention, Clock clock) {
        super("event-log-cleaner", retention, clock);
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    protected int deleteOlderThan(OffsetDateTime before, int batch) {
        return transactions.asSystem(() -> events.deleteOlderThan(before, batch));
    }
}
