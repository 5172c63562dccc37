package io.conversa.core.conversation;

import io.conversa.engine.ConversationState;
import io.conversa.engine.Event;
import java.util.Map;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores the engine's values as JSON: events in the inbox (by kind), states in sessions,
 * messages in the outbox. Decimals stay decimals, so a re-read state steps exactly as before.
 */
@Component
class EngineCodec {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    EventKind kind(Event event) {
        return switch (event) {
            case Event.InboundMessage m -> EventKind.MESSAGE;
            case Event.TimerFired t -> EventKind.TIMER;
            case Event.ModuleCompleted c -> EventKind.MODULE_COMPLETED;
            case Event.ModuleFailed f -> EventKind.MODULE_FAILED;
            case Event.AgentReleased r -> EventKind.AGENT_RELEASED;
            case Event.Started s -> EventKind.STARTED;
        };
    }

    JSONB json(Object value) {
        return JSONB.valueOf(mapper.writeValueAsString(value));
    }

    Event event(String kind, JSONB payload) {
        return mapper.readValue(payload.data(), EventKind.valueOf(kind).type());
    }

    ConversationState state(JSONB state) {
        return mapper.readValue(state.data(), ConversationState.class);
    }

    Map<String, Object> map(JSONB json) {
        return mapper.readValue(json.data(), MAP);
    }

    enum EventKind {
        MESSAGE(Event.InboundMessage.class),
        TIMER(Event.TimerFired.class),
        MODULE_COMPLETED(Event.ModuleCompleted.class),
        MODULE_FAILED(Event.ModuleFailed.class),
        AGENT_RELEASED(Event.AgentReleased.class),
        STARTED(Event.Started.class);

        private final Class<? extends Event> type;

        EventKind(Class<? extends Event> type) {
            this.type = type;
        }

        Class<? extends Event> type() {
            return type;
        }
    }
}
