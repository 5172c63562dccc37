package io.conversa.engine.node;

import io.conversa.engine.Effect.EndSession.Reason;
import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;

/** Ends the conversation's session; the customer's next message starts a new one. */
public record EndNode() implements NodeData {

    @Override
    public Outcome enter(Execution execution) {
        return new Outcome.Finish(Reason.COMPLETED, null);
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
        return List.of();
    }
}
