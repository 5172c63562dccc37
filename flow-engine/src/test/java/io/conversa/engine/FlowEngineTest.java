package io.conversa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.engine.message.Reaction;
import io.conversa.engine.message.Text;
import io.conversa.engine.validation.FieldProblem;
import io.conversa.engine.ConversationState.Status;
import io.conversa.engine.Effect.CallModule;
import io.conversa.engine.Effect.CancelTimer;
import io.conversa.engine.Effect.EndSession;
import io.conversa.engine.Effect.ScheduleTimer;
import io.conversa.engine.Effect.SendMessage;
import io.conversa.engine.Event.InboundMessage;
import io.conversa.engine.message.Buttons;
import io.conversa.engine.message.Text;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowEngineTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final Context ADA = new Context(Map.of("name", "Ada", "phone", "+4915112345678"), Map.of("name", "Pizza Bot"), Map.of("open", true));

    final FlowEngine engine = new FlowEngine();

    static final String ORDER_FLOW = Flows.resource("/order-flow.json");

    @Test
    void aMultiStepFlowGreetsAsksBranchesAndEnds() {
        FlowGraph flow = Flows.graph(ORDER_FLOW);

        StepResult first = engine.step(flow, ConversationState.start(), InboundMessage.text("m1", "pizza"), ADA, NOW);

        assertThat(texts(first)).containsExactly("Hi Ada, welcome to Pizza Bot!", "How many pizzas?");
        assertThat(first.state().status()).isEqualTo(Status.WAITING_REPLY);
        assertThat(first.state().nodeId()).isEqualTo("howMany");

        StepResult second = engine.step(flow, first.state(), InboundMessage.text("m2", " 7 "), ADA, NOW);

        assertThat(texts(second)).containsExactly("7 pizzas: that is a party!");
        assertThat(second.state().variables()).containsEntry("count", new BigDecimal("7"));
        assertThat(second.state().status()).isEqualTo(Status.ENDED);
        assertThat(second.effects().getLast()).isEqualTo(new EndSession(EndSession.Reason.COMPLETED, null));
        assertThat(second.trace()).extracting(TraceEntry::nodeId).contains("big", "partyReply", "done");
    }

    @Test
    void aMessageCanQuoteAndReactToTheCustomersMessage() {
        FlowGraph flow = Flows.graph("""
                {"name": "Quote", "start": "like", "nodes": [
                  {"id": "like", "type": "message", "data": {"message": {"type": "reaction", "messageId": "{{message.id}}", "emoji": "👍🏽"}}},
                  {"id": "quote", "type": "message", "data": {"replyTo": "{{message.id}}", "message": {"type": "text", "body": "Noted"}}}],
                 "edges": [{"id": "e", "source": "like", "target": "quote"}]}
                """);

        StepResult result = engine.step(flow, ConversationState.start(), InboundMessage.text("wamid.ABC", "hi"), ADA, NOW);

        assertThat(result.effects()).startsWith(new Effect.SendMessage(new Reaction("wamid.ABC", "👍🏽")),
                new Effect.SendMessage(new Text("Noted"), "wamid.ABC"));
        assertThat(new Reaction("wamid.ABC", "👍👎").check()).extracting(FieldProblem::field).containsExactly("emoji");
        assertThat(new Reaction("wamid.ABC", "").check()).isEmpty();
    }

    @Test
    void anInvalidAnswerIsRetriedThenFollowsInvalid() {
        FlowGraph flow = Flows.graph(ORDER_FLOW);
        StepResult asked = engine.step(flow, ConversationState.start(), InboundMessage.text("m1", "hi"), ADA, NOW);

        StepResult retry = engine.step(flow, asked.state(), InboundMessage.text("m2", "lots"), ADA, NOW);
        assertThat(texts(retry)).containsExactly("Please send a number from 1 to 10.");
        assertThat(retry.state().status()).isEqualTo(Status.WAITING_REPLY);
        assertThat(retry.state().attempts()).isEqualTo(1);

        StepResult giveUp = engine.step(flow, retry.state(), InboundMessage.text("m3", "99"), ADA, NOW);
        assertThat(texts(giveUp)).containsExactly("Let us try again later.");
        assertThat(giveUp.state().isEnded()).isTrue();
    }

    @Test
    void aQuestionTimesOutOnItsOwnTimerOnly() {
        FlowGraph flow = Flows.graph("""
                {"name": "Timeout", "start": "ask", "nodes": [
                  {"id": "ask", "type": "question", "data": {"prompt": {"type": "text", "body": "Email?"},
                   "variable": "email", "validation": {"kind": "email"}, "maxRetries": 2, "timeoutSeconds": 600}},
                  {"id": "late", "type": "message", "data": {"message": {"type": "text", "body": "Still there?"}}},
                  {"id": "thanks", "type": "message", "data": {"message": {"type": "text", "body": "Thanks {{email}}"}}}],
                 "edges": [{"id": "a", "source": "ask", "sourceHandle": "timeout", "target": "late"},
                           {"id": "b", "source": "ask", "sourceHandle": "next", "target": "thanks"}]}
                """);
        StepResult asked = engine.step(flow, ConversationState.start(), InboundMessage.text("m1", "hi"), ADA, NOW);
        ScheduleTimer timer = (ScheduleTimer) asked.effects().get(1);
        assertThat(timer.dueAt()).isEqualTo(NOW.plusSeconds(600));

        StepResult stale = engine.step(flow, asked.state(), new Event.TimerFired("ask#99"), ADA, NOW);
        assertThat(stale.effects()).isEmpty();
        assertThat(stale.state()).isEqualTo(asked.state());

        StepResult timedOut = engine.step(flow, asked.state(), new Event.TimerFired(timer.timerId()), ADA, NOW);
        assertThat(texts(timedOut)).containsExactly("Still there?");

        StepResult answered = engine.step(flow, asked.state(), InboundMessage.text("m2", "Ada@Example.com"), ADA, NOW);
        assertThat(answered.effects()).startsWith(new CancelTimer(timer.timerId()));
        assertThat(texts(answered)).containsExactly("Thanks ada@example.com");
    }

    @Test
    void buttonsBranchOnWhatTheCustomerTapped() {
        FlowGraph flow = Flows.graph("""
                {"name": "Menu", "start": "menu", "nodes": [
                  {"id": "menu", "type": "message", "data": {"message": {"type": "buttons", "body": "What now?",
                    "buttons": [{"id": "order", "title": "Order"}, {"id": "help", "title": "Help"}]}}},
                  {"id": "ordering", "type": "message", "data": {"message": {"type": "text", "body": "Ordering"}}},
                  {"id": "helping", "type": "message", "data": {"message": {"type": "text", "body": "Helping"}}}],
                 "edges": [{"id": "a", "source": "menu", "sourceHandle": "order", "target": "ordering"},
                           {"id": "b", "source": "menu", "sourceHandle": "help", "target": "helping"}]}
                """);
        StepResult shown = engine.step(flow, ConversationState.start(), InboundMessage.text("m1", "hi"), ADA, NOW);
        assertThat(((SendMessage) shown.effects().getFirst()).message()).isInstanceOf(Buttons.class);
        assertThat(shown.state().status()).isEqualTo(Status.WAITING_REPLY);

        assertThat(texts(engine.step(flow, shown.state(), InboundMessage.reply("m2", "help", "Help"), ADA, NOW)))
                .containsExactly("Helping");
        assertThat(texts(engine.step(flow, shown.state(), InboundMessage.text("m3", "  ORDER "), ADA, NOW)))
                .containsExactly("Ordering");

        StepResult confused = engine.step(flow, shown.state(), InboundMessage.text("m4", "pizza?"), ADA, NOW);
        assertThat(((SendMessage) confused.effects().getFirst()).message()).isInstanceOf(Buttons.class);
        assertThat(confused.state().status()).isEqualTo(Status.WAITING_REPLY);
    }

    @Test
    void aDelayWaitsForItsTimerAndIgnoresMessagesMeanwhile() {
        FlowGraph flow = Flows.graph("""
                {"name": "Later", "start": "wait", "nodes": [
                  {"id": "wait", "type": "delay", "data": {"seconds": 3600}},
                  {"id": "ping", "type": "message", "data": {"message": {"type": "text", "body": "An hour later"}}}],
                 "edges": [{"id": "a", "source": "wait", "target": "ping"}]}
                """);
        StepResult waiting = engine.step(flow, ConversationState.start(), InboundMessage.text("m1", "hi"), ADA, NOW);
        ScheduleTimer timer = (ScheduleTimer) waiting.effects().getFirst();
        assertThat(timer.dueAt()).isEqualTo(NOW.plusSeconds(3600));

        StepResult ignored = engine.step(flow, waiting.state(), InboundMessage.text("m2", "hello?"), ADA, NOW);
        assertThat(ignored.effects()).isEmpty();
        assertThat(ignored.trace()).extracting(TraceEntry::kind).containsExactly(TraceEntry.Kind.IGNORED);

        StepResult fired = engine.step(flow, waiting.state(), new Event.TimerFired(timer.timerId()), ADA, NOW.plusSeconds(3600));
        assertThat(texts(fired)).containsExactly("An hour later");
    }

    @Test
    void anActionCallsItsModuleAndBranchesOnTheResult() {
        FlowGraph flow = Flows.graph("""
                {"name": "Lookup", "start": "call", "nodes": [
                  {"id": "call", "type": "action", "data": {"moduleId": "http-request", "moduleVersion": "1.0.0",
                    "config": {"url": "https://api.example.com/orders?phone={{contact.phone}}", "retries": 2},
                    "outputVariable": "order"}},
                  {"id": "ok", "type": "message", "data": {"message": {"type": "text", "body": "Order {{order.id}}: {{order.items.0}}"}}},
                  {"id": "failed", "type": "message", "data": {"message": {"type": "text", "body": "Lookup failed"}}}],
                 "edges": [{"id": "a", "source": "call", "target": "ok"},
                           {"id": "b", "source": "call", "sourceHandle": "error", "target": "failed"}]}
                """);
        StepResult calling = engine.step(flow, ConversationState.start(), InboundMessage.text("m1", "status"), ADA, NOW);
        CallModule call = (CallModule) calling.effects().getFirst();
        assertThat(call.input()).containsEntry("url", "https://api.example.com/orders?phone=+4915112345678")
                .containsEntry("retries", 2);
        assertThat(calling.state().status()).isEqualTo(Status.WAITING_MODULE);

        StepResult done = engine.step(flow, calling.state(),
                new Event.ModuleCompleted(call.callId(), Map.of("id", "A-17", "items", List.of("Margherita"))), ADA, NOW);
        assertThat(texts(done)).containsExactly("Order A-17: Margherita");

        StepResult failed = engine.step(flow, calling.state(), new Event.ModuleFailed(call.callId(), "HTTP 503"), ADA, NOW);
        assertThat(texts(failed)).containsExactly("Lookup failed");
        assertThat(failed.trace()).extracting(TraceEntry::detail).contains("HTTP 503");
    }

    @Test
    void aConfigValueThatIsOneWholePlaceholderPassesTheValueItself() {
        FlowGraph flow = Flows.graph("""
                {"name": "Transform", "start": "call", "nodes": [
                  {"id": "call", "type": "action", "data": {"moduleId": "conversa.json-transform", "moduleVersion": "1.0.0",
                    "config": {"data": "{{contact}}", "label": "Hi {{contact.name}}", "missing": "{{nothing.here}}",
                      "spaced": " {{contact.name}}"}}}],
                 "edges": []}
                """);

        CallModule call = (CallModule) engine.step(flow, ConversationState.start(), InboundMessage.text("m1", "go"), ADA, NOW)
                .effects().getFirst();

        assertThat(call.input().get("data")).isInstanceOf(Map.class);
        assertThat(call.input()).containsEntry("label", "Hi Ada").containsEntry("missing", null)
                .containsEntry("spaced", " Ada");
    }

    @Test
    void aHandedOffConversationKeepsTheBotSilentUntilReleased() {
        FlowGraph flow = Flows.graph("""
                {"name": "Human", "start": "human", "nodes": [
                  {"id": "human", "type": "handoff", "data": {"message": "A person will answer you."}},
                  {"id": "back", "type": "message", "data": {"message": {"type": "text", "body": "The bot is back."}}}],
                 "edges": [{"id": "a", "source": "human", "target": "back"}]}
                """);
        StepResult handedOff = engine.step(flow, ConversationState.start(), InboundMessage.text("m1", "agent"), ADA, NOW);
        assertThat(handedOff.effects()).contains(new Effect.HandOff("human"));
        assertThat(handedOff.state().status()).isEqualTo(Status.HANDED_OFF);

        assertThat(engine.step(flow, handedOff.state(), InboundMessage.text("m2", "hello?"), ADA, NOW).effects()).isEmpty();
        assertThat(texts(engine.step(flow, handedOff.state(), new Event.AgentReleased(), ADA, NOW)))
                .containsExactly("The bot is back.");
    }

    @Test
    void jumpsContinueInThisFlowOrAskForAnother() {
        FlowGraph flow = Flows.graph("""
                {"name": "Jumps", "start": "set", "nodes": [
                  {"id": "set", "type": "set_variable", "data": {"assignments": [{"variable": "greeting", "value": "Hello {{contact.name}}"}]}},
                  {"id": "jump", "type": "jump", "data": {"nodeId": "say"}},
                  {"id": "say", "type": "message", "data": {"message": {"type": "text", "body": "{{greeting}}"}}},
                  {"id": "away", "type": "jump", "data": {"flowId": "support", "nodeId": "welcome"}}],
                 "edges": [{"id": "a", "source": "set", "target": "jump"}, {"id": "b", "source": "say", "target": "away"}]}
                """);

        StepResult result = engine.step(flow, ConversationState.start(), InboundMessage.text("m1", "hi"), ADA, NOW);

        assertThat(texts(result)).containsExactly("Hello Ada");
        assertThat(result.effects().getLast()).isEqualTo(new Effect.JumpToFlow("support", "welcome"));
        assertThat(result.state().status()).isEqualTo(Status.NEW);
        assertThat(result.state().nodeId()).isEqualTo("welcome");
        assertThat(result.state().variables()).containsEntry("greeting", "Hello Ada");
    }

    @Test
    void aLoopThatNeverWaitsIsStoppedWithARecordedError() {
        FlowGraph flow = Flows.graph("""
                {"name": "Spin", "start": "a", "nodes": [
                  {"id": "a", "type": "set_variable", "data": {"assignments": [{"variable": "x", "value": "1"}]}},
                  {"id": "b", "type": "jump", "data": {"nodeId": "a"}}],
                 "edges": [{"id": "e", "source": "a", "target": "b"}]}
                """);

        StepResult result = new FlowEngine(50).step(flow, ConversationState.start(), InboundMessage.text("m", "go"), ADA, NOW);

        assertThat(result.state().isEnded()).isTrue();
        EndSession end = (EndSession) result.effects().getLast();
        assertThat(end.reason()).isEqualTo(EndSession.Reason.ERROR);
        assertThat(end.detail()).contains("more than 50 nodes");
        assertThat(result.trace()).extracting(TraceEntry::kind).contains(TraceEntry.Kind.ERROR);
    }

    @Test
    void anEndedConversationIgnoresEvents() {
        FlowGraph flow = Flows.graph(ORDER_FLOW);
        ConversationState ended = new ConversationState(Status.ENDED, "done", Map.of(), 0, null, 3);

        StepResult result = engine.step(flow, ended, InboundMessage.text("m", "hi"), ADA, NOW);

        assertThat(result.effects()).isEmpty();
        assertThat(result.state()).isEqualTo(ended);
    }

    @Test
    void aStepIsAFunctionOfItsInputs() {
        FlowGraph flow = Flows.graph(ORDER_FLOW);
        ConversationState state = ConversationState.start();
        InboundMessage event = InboundMessage.text("m1", "pizza");

        assertThat(engine.step(flow, state, event, ADA, NOW)).isEqualTo(engine.step(flow, state, event, ADA, NOW));
        assertThat(state).isEqualTo(ConversationState.start());
    }

    private static List<String> texts(StepResult result) {
        return result.effects().stream()
                .filter(SendMessage.class::isInstance)
                .map(e -> ((SendMessage) e).message())
                .filter(Text.class::isInstance)
                .map(m -> ((Text) m).body())
                .toList();
    }
}
