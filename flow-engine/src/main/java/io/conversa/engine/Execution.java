package io.conversa.engine;

import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One step in progress: the scratch state that nodes read and change. Lives for one call of
 * {@link FlowEngine#step} only.
 */
public final class Execution {

    private final FlowGraph graph;
    private final Context context;
    private final Instant now;
    private final Map<String, Object> variables;
    private final Map<String, Object> message;
    private final List<Effect> effects = new ArrayList<>();
    private final List<TraceEntry> trace = new ArrayList<>();
    private String nodeId;
    private int attempts;
    private String awaiting;
    private long sequence;

    Execution(FlowGraph graph, ConversationState state, Event event, Context context, Instant now) {
        this.graph = graph;
        this.context = context;
        this.now = now;
        this.variables = new HashMap<>(state.variables());
        this.message = event instanceof Event.InboundMessage inbound ? messageScope(inbound) : Map.of();
        this.nodeId = state.nodeId();
        this.attempts = state.attempts();
        this.awaiting = state.awaiting();
        this.sequence = state.sequence();
    }

    public Instant now() {
        return now;
    }

    public String nodeId() {
        return nodeId;
    }

    public int attempts() {
        return attempts;
    }

    public void attempts(int attempts) {
        this.attempts = attempts;
    }

    /** The timer or module call the current node waits for. */
    public String awaiting() {
        return awaiting;
    }

    /** A name for a timer or module call, unique within the conversation and the same when a step is retried. */
    public String newId() {
        return nodeId + "#" + ++sequence;
    }

    public boolean hasEdge(String handle) {
        return graph.hasEdge(nodeId, handle);
    }

    public String render(String template) {
        return Templates.render(template, this::lookup);
    }

    /**
     * Renders every string in a JSON-like value. A string that is one whole placeholder, such as
     * {@code "{{order.items}}"}, becomes the value itself (a list stays a list, a number a number),
     * so a module receives data, not its text.
     */
    public <T> T renderValues(T value) {
        return Values.renderStrings(value, text -> {
            String path = Templates.wholePlaceholder(text);
            return path == null ? render(text) : Templates.resolve(path, this::lookup);
        });
    }

    public void setVariable(String name, Object value) {
        variables.put(name, value);
        trace(TraceEntry.Kind.VARIABLE_SET, name);
    }

    public void send(OutgoingMessage outgoing) {
        send(outgoing, null);
    }

    /** Sends a message quoting another: {@code replyTo} is a template of a WhatsApp message id; blank quotes nothing. */
    public void send(OutgoingMessage outgoing, String replyTo) {
        String quoted = replyTo == null ? null : render(replyTo);
        emit(new Effect.SendMessage(outgoing.render(this::render), quoted == null || quoted.isBlank() ? null : quoted));
    }

    public void emit(Effect effect) {
        effects.add(effect);
    }

    public void trace(TraceEntry.Kind kind, String detail) {
        trace.add(new TraceEntry(kind, nodeId, detail));
    }

    void enter(String node) {
        this.nodeId = node;
        this.attempts = 0;
        this.awaiting = null;
        trace(TraceEntry.Kind.NODE_ENTERED, null);
    }

    StepResult result(ConversationState.Status status, String waitingFor) {
        return new StepResult(new ConversationState(status, nodeId, variables, attempts, waitingFor, sequence),
                List.copyOf(effects), List.copyOf(trace));
    }

    /** The state for continuing at a node of another flow: the runtime steps again there. */
    StepResult resultEntering(String node) {
        this.nodeId = node;
        return result(ConversationState.Status.NEW, null);
    }

    private Object lookup(String root) {
        return switch (root) {
            case "contact" -> context.contact();
            case "channel" -> context.channel();
            case "business" -> context.business();
            case "message" -> message;
            default -> variables.get(root);
        };
    }

    private static Map<String, Object> messageScope(Event.InboundMessage inbound) {
        Map<String, Object> scope = new HashMap<>(inbound.attributes());
        scope.put("id", inbound.messageId());
        scope.put("type", inbound.type());
        scope.put("text", inbound.answer());
        if (inbound.replyId() != null) {
            scope.put("replyId", inbound.replyId());
            scope.put("replyTitle", inbound.replyTitle());
        }
        return scope;
    }
}
