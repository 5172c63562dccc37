package io.conversa.core.channel.whatsapp;

import io.conversa.core.event.EventLog;
import io.conversa.core.event.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Outgoing messages' status changes, recorded as {@code message.sent} and {@code message.status} events. */
@Component
class MessageEvents {

    private final EventLog events;

    MessageEvents(EventLog events) {
        this.events = events;
    }

    void record(List<StatusChange> changes) {
        for (StatusChange change : changes) {
            if (!change.isMessage()) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("conversationId", change.conversationId());
            data.put("messageId", change.messageId());
            data.put("waMessageId", change.waMessageId());
            data.put("status", change.status());
            if (change.errorCode() != null) {
                data.put("errorCode", change.errorCode());
                data.put("errorMessage", change.errorMessage());
            }
            events.record(change.tenantId(), "SENT".equals(change.status()) ? EventType.MESSAGE_SENT : EventType.MESSAGE_STATUS,
                    change.conversationId(), data);
        }
    }
}
