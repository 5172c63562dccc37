package io.conversa.engine.node;

import io.conversa.engine.ConversationState.Status;
import io.conversa.engine.Effect;
import io.conversa.engine.Event;
import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.TraceEntry;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Values;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls a module (pinned to a version) with its config rendered, and waits for the result: the
 * output goes to {@code outputVariable} and the flow follows {@code next}; a failure follows {@code error}.
 */
public record ActionNode(String moduleId, String moduleVersion, Map<String, Object> config, String outputVariable)
        implements NodeData {

    public static final String ERROR = "error";

    @Override
    public Outcome enter(Execution execution) {
        String call = execution.newId();
        execution.emit(new Effect.CallModule(call, moduleId, moduleVersion,
                config == null ? Map.of() : execution.renderValues(config)));
        return new Outcome.Wait(Status.WAITING_MODULE, call);
    }

    @Override
    public Outcome resume(Execution execution, Event event) {
        if (event instanceof Event.ModuleCompleted done && done.callId().equals(execution.awaiting())) {
            if (outputVariable != null && !outputVariable.isBlank()) {
                execution.setVariable(outputVariable, done.output());
            }
            return Outcome.next();
        }
        if (event instanceof Event.ModuleFailed failed && failed.callId().equals(execution.awaiting())) {
            execution.trace(TraceEntry.Kind.ERROR, failed.error());
            if (outputVariable != null && !outputVariable.isBlank()) {
                execution.setVariable(outputVariable, Map.of("error", failed.error()));
            }
            return new Outcome.Next(ERROR);
        }
        return NodeData.super.resume(execution, event);
    }

    @Override
    public List<String> handles() {
        return List.of("next", ERROR);
    }

    @Override
    public boolean waits() {
        return true;
    }

    @Override
    public List<OutgoingMessage.Field> templates() {
        return config == null ? List.of() : Values.strings("config", config);
    }

    @Override
    public Set<String> definedVariables() {
        return outputVariable == null || outputVariable.isBlank() ? Set.of() : Set.of(outputVariable);
    }

    @Override
    public List<FieldProblem> check() {
        return new Checks()
                .required("moduleId", moduleId)
                .required("moduleVersion", moduleVersion)
                .check(outputVariable == null || outputVariable.isBlank() || Names.isVariable(outputVariable),
                        "outputVariable", Names.RULE, Names.reserved())
                .problems();
    }
}
