package io.conversa.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A flow indexed for stepping: nodes by id, edges by source node and handle. Built once per version. */
public final class FlowGraph {

    private final Flow flow;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> targets = new HashMap<>();

    private FlowGraph(Flow flow) {
        this.flow = flow;
        for (Node node : flow.nodes()) {
            nodes.putIfAbsent(node.id(), node);
        }
        for (Edge edge : flow.edges()) {
            targets.computeIfAbsent(edge.source(), s -> new HashMap<>()).putIfAbsent(handle(edge), edge.target());
        }
    }

    public static FlowGraph of(Flow flow) {
        return new FlowGraph(flow);
    }

    public Flow flow() {
        return flow;
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** Where the edge from this handle of the node leads, if one is drawn. */
    public Optional<String> target(String nodeId, String handle) {
        Map<String, String> byHandle = targets.get(nodeId);
        return byHandle == null ? Optional.empty() : Optional.ofNullable(byHandle.get(handle));
    }

    public boolean hasEdge(String nodeId, String handle) {
        return target(nodeId, handle).isPresent();
    }

    /** An edge without a handle leaves from {@code next}, as React Flow draws single-handle nodes. */
    public static String handle(Edge edge) {
        return edge.sourceHandle() == null || edge.sourceHandle().isBlank() ? "next" : edge.sourceHandle();
    }
}
