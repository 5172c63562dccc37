package io.conversa.engine;

import io.conversa.engine.message.OutgoingMessage;
import java.time.Instant;
import java.util.Map;

/** What a step asks the world to do, as data; the runtime commits them with the new state. */
public sealed interface Effect {

    /** {@code replyTo}: the WhatsApp id of a message this one quotes (the Cloud API's {@code context}), or null. */
    record SendMessage(OutgoingMessage message, String replyTo) implements Effect {

        public SendMessage(OutgoingMessage message) {
            this(message, null);
        }
    }

    record CallModule(String callId, String moduleId, String moduleVersion, Map<String, Object> input)
            implements Effect {
    }

    record ScheduleTimer(String timerId, Instant dueAt) implements Effect {
    }

    record CancelTimer(String timerId) implements Effect {
    }

    /** The conversation waits for a person in the inbox. */
    record HandOff(String nodeId) implements Effect {
    }

    /** Continue in another flow (its published version) at a node; the runtime steps again there. */
    record JumpToFlow(String flowId, String nodeId) implements Effect {
    }

    record EndSession(Reason reason, String detail) implements Effect {

        public enum Reason {
            COMPLETED,
            ERROR
        }
    }
}
