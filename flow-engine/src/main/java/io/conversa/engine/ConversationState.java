package io.conversa.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * Where a conversation stands in its flow: what it waits for at which node, its variables,
 * how often the current question was answered wrongly, and a counter that names timers and
 * module calls (so a retried step names them the same and stays idempotent).
 */
public record ConversationState(Status status, String nodeId, Map<String, Object> variables, int attempts,
        String awaiting, long sequence) {

    public enum Status {
        /** Not started: the next step enters {@code nodeId}, or the flow's start node. */
        NEW,
        WAITING_REPLY,
        WAITING_TIMER,
        WAITING_MODULE,
        /** A person answers; the bot stays silent until an agent releases the conversation. */
        HANDED_OFF,
        ENDED
    }

    public ConversationState {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public static ConversationState start() {
        return new ConversationState(Status.NEW, null, Map.of(), 0, null, 0);
    }

    @JsonIgnore
    public boolean isEnded() {
        return status == Status.ENDED;
    }
}
