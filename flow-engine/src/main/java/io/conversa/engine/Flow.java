package io.conversa.engine;

import java.util.List;

/**
 * A flow as the builder draws it: nodes and the edges between their handles, the node it
 * starts at, and what starts it. See docs/flow-format.md.
 */
public record Flow(String name, String start, List<Node> nodes, List<Edge> edges, Triggers triggers) {

    public Flow {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        triggers = triggers == null ? Triggers.NONE : triggers;
    }
}
