package io.conversa.engine.node;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.conversa.engine.Event;
import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.TraceEntry;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;
import java.util.Set;

/**
 * What a node does. Each type is one class holding its configuration, its behaviour
 * ({@link #enter}, {@link #resume}) and its rules ({@link #check}); adding a type is adding a
 * class here and naming it below.
 */
@JsonSubTypes({
    @JsonSubTypes.Type(value = MessageNode.class, name = "message"),
    @JsonSubTypes.Type(value = QuestionNode.class, name = "question"),
    @JsonSubTypes.Type(value = ConditionNode.class, name = "condition"),
    @JsonSubTypes.Type(value = SetVariableNode.class, name = "set_variable"),
    @JsonSubTypes.Type(value = ActionNode.class, name = "action"),
    @JsonSubTypes.Type(value = DelayNode.class, name = "delay"),
    @JsonSubTypes.Type(value = HandoffNode.class, name = "handoff"),
    @JsonSubTypes.Type(value = JumpNode.class, name = "jump"),
    @JsonSubTypes.Type(value = EndNode.class, name = "end")
})
public sealed interface NodeData
        permits MessageNode, QuestionNode, ConditionNode, SetVariableNode, ActionNode, DelayNode, HandoffNode,
        JumpNode, EndNode {

    /** The conversation arrives at the node. */
    Outcome enter(Execution execution);

    /** An event arrives while the conversation waits at the node. */
    default Outcome resume(Execution execution, Event event) {
        execution.trace(TraceEntry.Kind.IGNORED, event.getClass().getSimpleName() + " while not waiting for it");
        return new Outcome.Stay();
    }

    /** The handles edges may leave from. */
    List<String> handles();

    /** Whether arriving here can stop the step to wait for the customer, a timer, a module or an agent. */
    boolean waits();

    /** Its {@code {{variable}}} templates, by field path. */
    default List<OutgoingMessage.Field> templates() {
        return List.of();
    }

    /** The flow variables it sets. */
    default Set<String> definedVariables() {
        return Set.of();
    }

    /** What is wrong with its configuration. */
    List<FieldProblem> check();
}
