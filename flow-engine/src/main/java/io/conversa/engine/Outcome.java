package io.conversa.engine;

import io.conversa.engine.Effect.EndSession;

/** What a node decides when entered or resumed; the engine follows it. */
public sealed interface Outcome {

    /** Follow the edge from this handle (no edge: the flow is done). */
    record Next(String handle) implements Outcome {
    }

    /** Enter this node of the same flow. */
    record GoTo(String nodeId) implements Outcome {
    }

    /** Stop here until an event arrives; {@code awaiting} names the timer or module call, if any. */
    record Wait(ConversationState.Status status, String awaiting) implements Outcome {
    }

    /** Keep waiting as before: the event was not for this node, or the question is asked again. */
    record Stay() implements Outcome {
    }

    record Finish(EndSession.Reason reason, String detail) implements Outcome {
    }

    record SwitchFlow(String flowId, String nodeId) implements Outcome {
    }

    static Outcome next() {
        return new Next("next");
    }
}
