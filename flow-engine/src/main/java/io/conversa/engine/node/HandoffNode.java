package io.conversa.engine.node;

import io.conversa.engine.ConversationState.Status;
import io.conversa.engine.Effect;
import io.conversa.engine.Event;
import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.message.Limits;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Text;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;

/**
 * Hands the conversation to a person: optionally tells the customer, then the bot stays silent
 * until an agent releases the conversation, and continues at {@code next}.
 */
public record HandoffNode(String message) implements NodeData {

    @Override
    public Outcome enter(Execution execution) {
        if (message != null && !message.isBlank()) {
            execution.send(new Text(message));
        }
        execution.emit(new Effect.HandOff(execution.nodeId()));
        return new Outcome.Wait(Status.HANDED_OFF, null);
    }

    @Override
    public Outcome resume(Execution execution, Event event) {
        return event instanceof Event.AgentReleased ? Outcome.next() : NodeData.super.resume(execution, event);
    }

    @Override
    public List<String> handles() {
        return List.of("next");
    }

    @Override
    public boolean waits() {
        return true;
    }

    @Override
    public List<OutgoingMessage.Field> templates() {
        return message == null ? List.of() : List.of(new OutgoingMessage.Field("message", message));
    }

    @Override
    public List<FieldProblem> check() {
        return new Checks().maxLength("message", message, Limits.TEXT_BODY).problems();
    }
}
