package io.conversa.core.conversation;

import io.conversa.core.db.jooq.tables.records.SessionsRecord;
import io.conversa.core.event.EventLog;
import io.conversa.core.event.EventType;
import io.conversa.engine.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The conversation runtime's facts, recorded in the transaction of the change (see {@link EventLog}). */
@Component
class ConversationEvents {

    private final EventLog events;
    private final EngineCodec codec;
    private final List<HandOffListener> handOffListeners;

    ConversationEvents(EventLog events, EngineCodec codec, List<HandOffListener> handOffListeners) {
        this.events = events;
        this.codec = codec;
        this.handOffListeners = handOffListeners;
    }

    void received(UUID tenantId, UUID channelId, UUID conversationId, Customer customer, Event.InboundMessage message,
            Instant sentAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", conversationId);
        data.put("channelId", channelId);
        data.put("waId", customer.waId());
        data.put("contact", customer.contactFields());
        data.put("message", message);
        data.put("sentAt", sentAt);
        events.record(tenantId, EventType.MESSAGE_RECEIVED, conversationId, data);
    }

    void handedOff(UUID tenantId, UUID channelId, UUID conversationId, UUID sessionId, String nodeId) {
        events.record(tenantId, EventType.CONVERSATION_HANDED_OFF, conversationId,
                Map.of("conversationId", conversationId, "sessionId", sessionId, "nodeId", String.valueOf(nodeId)));
        handOffListeners.forEach(listener -> listener.handedOff(tenantId, channelId, conversationId));
    }

    void reopened(UUID tenantId, UUID conversationId) {
        events.record(tenantId, EventType.CONVERSATION_REOPENED, conversationId, Map.of("conversationId", conversationId));
    }

    void released(UUID tenantId, UUID conversationId) {
        events.record(tenantId, EventType.CONVERSATION_RELEASED, conversationId, Map.of("conversationId", conversationId));
    }

    /** A session ended, with the flow's variables as they stood. */
    void sessionEnded(SessionsRecord session) {
        sessionEnded(session, codec.state(session.getState()).variables());
    }

    /** @param variables the session's variables as it ended */
    void sessionEnded(SessionsRecord session, Map<String, Object> variables) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", session.getConversationId());
        data.put("sessionId", session.getId());
        data.put("flowId", session.getFlowId());
        data.put("flowVersion", session.getFlowVersion());
        data.put("reason", session.getEndReason());
        data.put("variables", variables);
        events.record(session.getTenantId(), EventType.SESSION_ENDED, session.getConversationId(), data);
    }

    void contactUpdated(UUID tenantId, UUID conversationId, Map<String, Object> contact) {
        events.record(tenantId, EventType.CONTACT_UPDATED, conversationId,
                Map.of("conversationId", conversationId, "contact", contact));
    }
}
