package io.conversa.engine.node;

import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;

/** Continues at another node: of this flow ({@code flowId} empty) or of another flow's published version. */
public record JumpNode(String flowId, String nodeId) implements NodeData {

    public boolean withinFlow() {
        return flowId == null || flowId.isBlank();
    }

    @Override
    public Outcome enter(Execution execution) {
        return withinFlow() ? new Outcome.GoTo(nodeId) : new Outcome.SwitchFlow(flowId, nodeId);
    }

    @Override
    public List<String> handles() {
        return List.of();
    }

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public List<FieldProblem> check() {
        return new Checks().check(!withinFlow() || nodeId != null && !nodeId.isBlank(), "nodeId", "jump.node-required").problems();
    }
}
