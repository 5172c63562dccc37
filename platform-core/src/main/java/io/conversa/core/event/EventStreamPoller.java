package io.conversa.core.event;

import io.conversa.core.background.PollingWorkers;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Wakes every stream connection each poll interval: notices make events arrive at once, this
 * makes sure they arrive when a notice was lost or came before the events were readable.
 */
@Component
class EventStreamPoller extends PollingWorkers {

    private final EventStreamHandler handler;

    EventStreamPoller(EventStreamHandler handler, @Value("${conversa.events.poll-interval:1s}") Duration pollInterval) {
        super("event-stream-poller", 1, pollInterval);
        this.handler = handler;
    }

    @Override
    protected boolean workOnce() {
        handler.wakeAll();
        return false;
    }
}
