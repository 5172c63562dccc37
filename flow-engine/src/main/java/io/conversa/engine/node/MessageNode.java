package io.conversa.engine.node;

import io.conversa.engine.Event;
import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.ConversationState.Status;
import io.conversa.engine.TraceEntry;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.OutgoingMessage.Option;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends a message. With buttons or a list, and edges drawn from their handles, it waits for the
 * customer's choice and follows it; anything else follows {@code fallback}, or sends the message again.
 * {@code replyTo} (optional, e.g. {@code {{message.id}}}) sends it as a reply quoting that message.
 */
public record MessageNode(OutgoingMessage message, String replyTo) implements NodeData {

    public MessageNode(OutgoingMessage message) {
        this(message, null);
    }

    public static final String FALLBACK = "fallback";

    @Override
    public Outcome enter(Execution execution) {
        execution.send(message, replyTo);
        boolean branches = message.options().stream().anyMatch(option -> execution.hasEdge(option.id()));
        return branches ? new Outcome.Wait(Status.WAITING_REPLY, null) : Outcome.next();
    }

    @Override
    public Outcome resume(Execution execution, Event event) {
        if (!(event instanceof Event.InboundMessage inbound)) {
            return NodeData.super.resume(execution, event);
        }
        Optional<Option> chosen = message.options().stream()
                .filter(option -> option.id().equals(inbound.replyId())
                        || inbound.answer() != null && option.title().strip().equalsIgnoreCase(inbound.answer().strip()))
                .findFirst();
        if (chosen.isPresent()) {
            return new Outcome.Next(execution.hasEdge(chosen.get().id()) ? chosen.get().id() : "next");
        }
        execution.trace(TraceEntry.Kind.INPUT_INVALID, "not one of the options");
        if (execution.hasEdge(FALLBACK)) {
            return new Outcome.Next(FALLBACK);
        }
        execution.send(message, replyTo);
        return new Outcome.Stay();
    }

    @Override
    public List<String> handles() {
        List<String> handles = new ArrayList<>(List.of("next"));
        message.options().forEach(option -> handles.add(option.id()));
        if (!message.options().isEmpty()) {
            handles.add(FALLBACK);
        }
        return handles;
    }

    @Override
    public boolean waits() {
        return !message.options().isEmpty();
    }

    @Override
    public List<OutgoingMessage.Field> templates() {
        List<OutgoingMessage.Field> fields = new ArrayList<>(message.templates().stream()
                .map(f -> new OutgoingMessage.Field("message." + f.path(), f.template())).toList());
        if (replyTo != null) {
            fields.add(new OutgoingMessage.Field("replyTo", replyTo));
        }
        return fields;
    }

    @Override
    public List<FieldProblem> check() {
        Checks checks = new Checks().required("message", message);
        return message == null ? checks.problems() : checks.add("message", message.check()).problems();
    }
}
