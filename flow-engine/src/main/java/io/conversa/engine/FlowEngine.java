package io.conversa.engine;

import io.conversa.engine.Effect.EndSession.Reason;
import io.conversa.engine.Outcome.Finish;
import io.conversa.engine.Outcome.GoTo;
import io.conversa.engine.Outcome.Next;
import io.conversa.engine.Outcome.Stay;
import io.conversa.engine.Outcome.SwitchFlow;
import io.conversa.engine.Outcome.Wait;
import java.time.Instant;
import java.util.Optional;

/**
 * The step function: {@code (flow version, state, event, context, now) -> (new state, effects, trace)}.
 * Pure: it reads no clock, does no IO and changes nothing it is given, so a step can be retried
 * (after a crash before commit) and yields the same result.
 */
public final class FlowEngine {

    /** Nodes one event may run through before the engine decides the flow is looping. */
    public static final int DEFAULT_MAX_NODES_PER_STEP = 200;

    private final int maxNodesPerStep;

    public FlowEngine() {
        this(DEFAULT_MAX_NODES_PER_STEP);
    }

    public FlowEngine(int maxNodesPerStep) {
        this.maxNodesPerStep = maxNodesPerStep;
    }

    public StepResult step(FlowGraph graph, ConversationState state, Event event, Context context, Instant now) {
        Execution execution = new Execution(graph, state, event, context, now);
        Outcome outcome = switch (state.status()) {
            case ENDED -> ignore(execution, "the conversation has ended");
            case NEW -> new GoTo(state.nodeId() != null ? state.nodeId() : graph.flow().start());
            default -> graph.node(state.nodeId())
                    .map(node -> node.data().resume(execution, event))
                    .orElseGet(() -> new Finish(Reason.ERROR, "the flow has no node " + state.nodeId()));
        };
        if (outcome instanceof Stay) {
            return execution.result(state.status(), execution.awaiting());
        }
        return run(graph, execution, outcome);
    }

    private StepResult run(FlowGraph graph, Execution execution, Outcome first) {
        Outcome outcome = first;
        int entered = 0;
        while (true) {
            switch (outcome) {
                case Next next -> {
                    Optional<String> target = graph.target(execution.nodeId(), next.handle());
                    outcome = target.<Outcome>map(GoTo::new).orElseGet(() -> new Finish(Reason.COMPLETED,
                            next.handle().equals("next") ? null : "nothing is connected to '" + next.handle() + "'"));
                }
                case GoTo goTo -> {
                    if (++entered > maxNodesPerStep) {
                        outcome = new Finish(Reason.ERROR, "more than " + maxNodesPerStep
                                + " nodes ran without waiting for the customer: the flow loops");
                    } else {
                        Optional<Node> node = graph.node(goTo.nodeId());
                        if (node.isEmpty()) {
                            outcome = new Finish(Reason.ERROR, "the flow has no node " + goTo.nodeId());
                        } else {
                            execution.enter(goTo.nodeId());
                            outcome = node.get().data().enter(execution);
                        }
                    }
                }
                case Wait wait -> {
                    execution.trace(TraceEntry.Kind.WAITING, wait.status().name());
                    return execution.result(wait.status(), wait.awaiting());
                }
                case Stay stay -> outcome = new Finish(Reason.ERROR, "a node cannot stay where it just arrived");
                case Finish finish -> {
                    if (finish.reason() == Reason.ERROR) {
                        execution.trace(TraceEntry.Kind.ERROR, finish.detail());
                    }
                    execution.emit(new Effect.EndSession(finish.reason(), finish.detail()));
                    return execution.result(ConversationState.Status.ENDED, null);
                }
                case SwitchFlow jump -> {
                    execution.emit(new Effect.JumpToFlow(jump.flowId(), jump.nodeId()));
                    return execution.resultEntering(jump.nodeId());
                }
            }
        }
    }

    private static Outcome ignore(Execution execution, String why) {
        execution.trace(TraceEntry.Kind.IGNORED, why);
        return new Stay();
    }
}
