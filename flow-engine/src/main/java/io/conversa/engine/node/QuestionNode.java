package io.conversa.engine.node;

import io.conversa.engine.ConversationState.Status;
import io.conversa.engine.Effect;
import io.conversa.engine.Event;
import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.TraceEntry;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Text;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Asks, waits for the answer and stores it in {@code variable}. A wrong answer gets
 * {@code retryMessage} up to {@code maxRetries} times, then follows {@code invalid}; no answer
 * within {@code timeoutSeconds} follows {@code timeout}.
 */
public record QuestionNode(OutgoingMessage prompt, String variable, AnswerValidation validation, String retryMessage,
        Integer maxRetries, Long timeoutSeconds) implements NodeData {

    public static final String INVALID = "invalid";
    public static final String TIMEOUT = "timeout";
    static final String DEFAULT_RETRY = "Sorry, I did not understand that. Please try again.";

    public QuestionNode {
        maxRetries = maxRetries == null ? 2 : maxRetries;
    }

    @Override
    public Outcome enter(Execution execution) {
        execution.send(prompt);
        String timer = null;
        if (timeoutSeconds != null && timeoutSeconds > 0) {
            timer = execution.newId();
            execution.emit(new Effect.ScheduleTimer(timer, execution.now().plusSeconds(timeoutSeconds)));
        }
        return new Outcome.Wait(Status.WAITING_REPLY, timer);
    }

    @Override
    public Outcome resume(Execution execution, Event event) {
        if (event instanceof Event.TimerFired fired && fired.timerId().equals(execution.awaiting())) {
            return new Outcome.Next(TIMEOUT);
        }
        if (!(event instanceof Event.InboundMessage inbound)) {
            return NodeData.super.resume(execution, event);
        }
        Optional<Object> answer = (validation == null ? AnswerValidation.ANY_TEXT : validation).accept(inbound.answer());
        if (answer.isPresent()) {
            cancelTimeout(execution);
            execution.setVariable(variable, answer.get());
            return Outcome.next();
        }
        execution.trace(TraceEntry.Kind.INPUT_INVALID, inbound.answer());
        if (execution.attempts() >= maxRetries) {
            cancelTimeout(execution);
            return new Outcome.Next(INVALID);
        }
        execution.attempts(execution.attempts() + 1);
        execution.send(new Text(retryMessage == null || retryMessage.isBlank() ? DEFAULT_RETRY : retryMessage));
        return new Outcome.Stay();
    }

    private static void cancelTimeout(Execution execution) {
        if (execution.awaiting() != null) {
            execution.emit(new Effect.CancelTimer(execution.awaiting()));
        }
    }

    @Override
    public List<String> handles() {
        return List.of("next", INVALID, TIMEOUT);
    }

    @Override
    public boolean waits() {
        return true;
    }

    @Override
    public List<OutgoingMessage.Field> templates() {
        List<OutgoingMessage.Field> fields = new ArrayList<>();
        if (prompt != null) {
            prompt.templates().forEach(f -> fields.add(new OutgoingMessage.Field("prompt." + f.path(), f.template())));
        }
        if (retryMessage != null) {
            fields.add(new OutgoingMessage.Field("retryMessage", retryMessage));
        }
        return fields;
    }

    @Override
    public Set<String> definedVariables() {
        return variable == null ? Set.of() : Set.of(variable);
    }

    @Override
    public List<FieldProblem> check() {
        Checks checks = new Checks()
                .required("prompt", prompt)
                .required("variable", variable)
                .check(variable == null || Names.isVariable(variable), "variable", Names.RULE, Names.reserved())
                .check(maxRetries >= 0 && maxRetries <= 10, "maxRetries", "check.between", 0, 10)
                .check(timeoutSeconds == null || timeoutSeconds > 0, "timeoutSeconds", "check.positive");
        if (prompt != null) {
            checks.add("prompt", prompt.check());
        }
        if (validation != null) {
            checks.add("validation", validation.check());
        }
        return checks.problems();
    }
}
