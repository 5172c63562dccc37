package io.conversa.engine.node;

import io.conversa.engine.ConversationState.Status;
import io.conversa.engine.Effect;
import io.conversa.engine.Event;
import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;

/** Waits on a durable timer, then follows {@code next}. Messages meanwhile are ignored. */
public record DelayNode(Long seconds) implements NodeData {

    /** WhatsApp's customer-service window is 24 hours; waiting longer rarely makes sense. */
    static final long MAX_SECONDS = 30L * 24 * 3600;

    @Override
    public Outcome enter(Execution execution) {
        String timer = execution.newId();
        execution.emit(new Effect.ScheduleTimer(timer, execution.now().plusSeconds(seconds)));
        return new Outcome.Wait(Status.WAITING_TIMER, timer);
    }

    @Override
    public Outcome resume(Execution execution, Event event) {
        if (event instanceof Event.TimerFired fired && fired.timerId().equals(execution.awaiting())) {
            return Outcome.next();
        }
        return NodeData.super.resume(execution, event);
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
    public List<FieldProblem> check() {
        return new Checks().required("seconds", seconds).check(seconds == null || seconds > 0 && seconds <= MAX_SECONDS, "seconds",
                "check.between", 1, MAX_SECONDS).problems();
    }
}
