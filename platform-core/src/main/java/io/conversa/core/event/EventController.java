package io.conversa.core.event;

import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event log by polling: the same events as the WebSocket stream at this URL (a request with
 * {@code Upgrade: websocket} goes to the stream), for catching up or for clients without WebSockets.
 */
@RestController
class EventController {

    private final EventFeed feed;

    EventController(EventFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = EventStreamConfiguration.PATH, headers = "Upgrade!=websocket")
    EventPage list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(EventFeed.MAX_BATCH) int limit) {
        EventPosition from = after == null ? new EventPosition(0, 0) : position(after);
        List<Event> events = feed.after(caller.tenantId(), from, limit);
        return new EventPage(events, events.isEmpty() ? from.toString() : events.getLast().position());
    }

    private static EventPosition position(String after) {
        try {
            return EventPosition.parse(after);
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("after", "verbatim", e.getMessage());
        }
    }

    /** @param next the position to ask after next time (the last event's, or the one given when there were none) */
    record EventPage(List<Event> events, String next) {
    }
}
