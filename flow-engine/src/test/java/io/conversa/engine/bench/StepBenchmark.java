package io.conversa.engine.bench;

import io.conversa.engine.ConversationState;
import io.conversa.engine.Context;
import io.conversa.engine.Event.InboundMessage;
import io.conversa.engine.Flow;
import io.conversa.engine.FlowEngine;
import io.conversa.engine.FlowGraph;
import io.conversa.engine.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The step function alone: a greeting plus a question (new conversation), and an answer that
 * runs a condition, a templated message and the end. Results in docs/performance.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class StepBenchmark {

    private final FlowEngine engine = new FlowEngine();
    private final Context context = new Context(Map.of("name", "Ada", "phone", "4915112345678"), Map.of(), Map.of());
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final InboundMessage greeting = InboundMessage.text("m1", "pizza");
    private final InboundMessage answer = InboundMessage.text("m2", "7");
    private FlowGraph flow;
    private ConversationState waitingForAnswer;

    @Setup
    public void setUp() throws IOException {
        try (InputStream json = StepBenchmark.class.getResourceAsStream("/order-flow.json")) {
            flow = FlowGraph.of(JsonMapper.builder().build().readValue(json, Flow.class));
        }
        waitingForAnswer = engine.step(flow, ConversationState.start(), greeting, context, now).state();
    }

    @Benchmark
    public StepResult newConversation() {
        return engine.step(flow, ConversationState.start(), greeting, context, now);
    }

    @Benchmark
    public StepResult answerThroughConditionToTheEnd() {
        return engine.step(flow, waitingForAnswer, answer, context, now);
    }
}
