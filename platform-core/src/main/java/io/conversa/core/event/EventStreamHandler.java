package io.conversa.core.event;

import io.conversa.core.security.Caller;
import io.conversa.core.security.CallerAuthentication;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes a tenant's events to its connected clients, one JSON text frame per event, in order.
 * Each connection reads the log itself from its own position: woken by a notice when events
 * commit (from any process), and every poll interval regardless, since a notice may be lost and
 * an event becomes readable only once older transactions have ended. A client too slow to keep
 * up is disconnected; it resumes with {@code ?after=} the last position it saw.
 */
@Component
class EventStreamHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(EventStreamHandler.class);
    private static final int SEND_TIME_LIMIT_MILLIS = 10_000;
    private static final int BUFFER_LIMIT_BYTES = 1024 * 1024;

    private final EventFeed feed;
    private final JsonMapper json;
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();

    EventStreamHandler(EventFeed feed, EventNotifier notifier, JsonMapper json) {
        this.feed = feed;
        this.json = json;
        notifier.listen(tenantId -> subscribers.values().stream().filter(s -> s.tenantId.equals(tenantId))
                .forEach(Subscriber::wake));
    }

    /** Every connection looks for events it was not told of. */
    void wakeAll() {
        subscribers.values().forEach(Subscriber::wake);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (!(session.getPrincipal() instanceof CallerAuthentication authentication)) {
            close(session, CloseStatus.POLICY_VIOLATION);
            return;
        }
        Caller caller = authentication.getPrincipal();
        // Set by the handshake: the client's position, or where the stream starts for it.
        EventPosition after = (EventPosition) session.getAttributes().get(EventStreamConfiguration.AFTER);
        Subscriber subscriber = new Subscriber(caller.tenantId(),
                new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MILLIS, BUFFER_LIMIT_BYTES), after);
        subscribers.put(session.getId(), subscriber);
        subscriber.wake();
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        subscribers.remove(session.getId());
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException e) {
            log.debug("Closing an event stream failed: {}", e.getMessage());
        }
    }

    /** One connection: its tenant, its position, and at most one reader at a time. */
    private final class Subscriber {

        private final UUID tenantId;
        private final WebSocketSession session;
        private volatile EventPosition position;
        private final AtomicBoolean reading = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();

        Subscriber(UUID tenantId, WebSocketSession session, EventPosition position) {
            this.tenantId = tenantId;
            this.session = session;
            this.position = position;
        }

        void wake() {
            again.set(true);
            if (reading.compareAndSet(false, true)) {
                Thread.ofVirtual().name("event-stream-" + session.getId()).start(this::read);
            }
        }

        private void read() {
            try {
                while (again.getAndSet(false) && session.isOpen()) {
                    List<Event> events;
                    do {
                        events = feed.after(tenantId, position, EventFeed.MAX_BATCH);
                        for (Event event : events) {
                            session.sendMessage(new TextMessage(json.writeValueAsString(event)));
                            position = EventPosition.parse(event.position());
                        }
                    } while (events.size() == EventFeed.MAX_BATCH && session.isOpen());
                }
            } catch (IOException | RuntimeException e) {
                // Too slow, gone, or the database unreachable: the client resumes from its last position.
                log.debug("Event stream {} ends: {}", session.getId(), e.getMessage());
                subscribers.remove(session.getId());
                close(session, CloseStatus.SERVICE_RESTARTED);
            } finally {
                reading.set(false);
                if (again.get() && session.isOpen()) {
                    wake();
                }
            }
        }
    }
}
