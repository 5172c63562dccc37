package io.conversa.engine;

import java.util.List;

/**
 * A flow as the builder draws it: nodes and the edges between their handles, the node it
 * starts at, and what starts it. See docs/flow-format.md.
 *
 * @param inputs variables a flow started by the business ({@code POST /flows/{id}/start}) is given, known to every node
 */
public record Flow(String name, String start, List<Node> nodes, List<Edge> edges, Triggers triggers, List<String> inputs) {

    public Flow {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        triggers = triggers == null ? Triggers.NONE : triggers;
    }
}
