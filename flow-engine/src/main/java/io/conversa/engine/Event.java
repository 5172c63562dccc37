package io.conversa.engine;

import java.util.Map;

/** What moves a conversation on: one event per step. */
public sealed interface Event {

    /**
     * A customer's message. {@code replyId}/{@code replyTitle} are set when a button or list row
     * was tapped; {@code attributes} carries type-specific data (location, media id, ...).
     */
    record InboundMessage(String messageId, String type, String text, String replyId, String replyTitle,
            Map<String, Object> attributes) implements Event {

        public InboundMessage {
            attributes = attributes == null ? Map.of() : attributes;
        }

        public static InboundMessage text(String messageId, String text) {
            return new InboundMessage(messageId, "text", text, null, null, Map.of());
        }

        public static InboundMessage reply(String messageId, String replyId, String replyTitle) {
            return new InboundMessage(messageId, "interactive", null, replyId, replyTitle, Map.of());
        }

        /** What the customer said: the text, or the title of what they tapped. */
        public String answer() {
            return text != null ? text : replyTitle;
        }
    }

    record TimerFired(String timerId) implements Event {
    }

    record ModuleCompleted(String callId, Object output) implements Event {
    }

    record ModuleFailed(String callId, String error) implements Event {
    }

    /**
     * The business starts a flow for the customer without a message from them (a tenant's system
     * through the API): a new session of this flow version begins with these variables.
     */
    record Started(String flowId, int flowVersion, Map<String, Object> variables) implements Event {

        public Started {
            variables = variables == null ? Map.of() : variables;
        }
    }

    /** An agent hands the conversation back to the bot. */
    record AgentReleased() implements Event {
    }
}
