package io.conversa.engine.validation;

import io.conversa.engine.Edge;
import io.conversa.engine.Flow;
import io.conversa.engine.FlowGraph;
import io.conversa.engine.Node;
import io.conversa.engine.Templates;
import io.conversa.engine.node.JumpNode;
import io.conversa.engine.node.Names;
import io.conversa.engine.node.NodeTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a flow can be published. Every error names the node and the field, so the
 * builder can point at it; an empty list means the flow is sound.
 */
public final class FlowValidator {

    public List<ValidationError> validate(Flow flow) {
        List<ValidationError> errors = new ArrayList<>();
        if (flow.name() == null || flow.name().isBlank()) {
            errors.add(new ValidationError(null, "name", "check.required"));
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        // Nodes whose own configuration is complete: only those are asked about handles, loops and variables.
        Set<String> sound = nodes(flow, nodes, errors);
        if (flow.start() == null || flow.start().isBlank()) {
            errors.add(new ValidationError(null, "start", "flow.start-required"));
        } else if (!nodes.containsKey(flow.start())) {
            errors.add(new ValidationError(null, "start", "flow.no-such-node", flow.start()));
        }
        Map<String, Set<String>> successors = edges(flow, nodes, sound, errors);
        checkJumps(nodes, sound, successors, errors);
        if (nodes.containsKey(flow.start())) {
            checkReachable(flow.start(), nodes, successors, errors);
        }
        checkLoopsThatNeverWait(nodes, sound, successors, errors);
        for (int i = 0; i < flow.inputs().size(); i++) {
            if (flow.inputs().get(i) == null || !Names.isVariable(flow.inputs().get(i))) {
                errors.add(new ValidationError(null, "inputs[" + i + "]", Names.RULE, Names.reserved()));
            }
        }
        checkVariables(nodes, flow.inputs(), sound, errors);
        for (int i = 0; i < flow.triggers().keywords().size(); i++) {
            String keyword = flow.triggers().keywords().get(i);
            if (keyword == null || keyword.isBlank()) {
                errors.add(new ValidationError(null, "triggers.keywords[" + i + "]", "flow.keyword-empty"));
            }
        }
        return errors;
    }

    /** Collects the nodes by id and returns the ids of those whose configuration has no problems. */
    private static Set<String> nodes(Flow flow, Map<String, Node> nodes, List<ValidationError> errors) {
        Set<String> sound = new HashSet<>();
        for (int i = 0; i < flow.nodes().size(); i++) {
            Node node = flow.nodes().get(i);
            if (node.id() == null || node.id().isBlank()) {
                errors.add(new ValidationError(null, "nodes[" + i + "].id", "check.required"));
                continue;
            }
            if (nodes.putIfAbsent(node.id(), node) != null) {
                errors.add(new ValidationError(node.id(), "id", "flow.node-id-repeated"));
                continue;
            }
            if (node.data() == null) {
                errors.add(new ValidationError(node.id(), "data", "check.required"));
                continue;
            }
            List<FieldProblem> problems = node.data().check();
            problems.forEach(p -> errors.add(new ValidationError(node.id(), p.field(), p.text())));
            if (problems.isEmpty()) {
                sound.add(node.id());
            }
        }
        return sound;
    }

    /** Checks every edge and returns, per node, the nodes its edges lead to. */
    private static Map<String, Set<String>> edges(Flow flow, Map<String, Node> nodes, Set<String> sound,
            List<ValidationError> errors) {
        Map<String, Set<String>> successors = new HashMap<>();
        Set<String> edgeIds = new HashSet<>();
        Set<String> usedHandles = new HashSet<>();
        for (int i = 0; i < flow.edges().size(); i++) {
            Edge edge = flow.edges().get(i);
            String field = "edges[" + (edge.id() == null ? i : edge.id()) + "]";
            Node source = nodes.get(edge.source());
            if (source == null) {
                errors.add(new ValidationError(null, "edges[" + i + "].source", "flow.no-such-node", edge.source()));
                continue;
            }
            if (edge.id() != null && !edgeIds.add(edge.id())) {
                errors.add(new ValidationError(source.id(), field, "flow.edge-id-repeated", edge.id()));
            }
            if (!nodes.containsKey(edge.target())) {
                errors.add(new ValidationError(source.id(), field, "flow.edge-target", edge.target()));
                continue;
            }
            if (!sound.contains(source.id())) {
                // Its handles depend on a configuration with problems of its own: the edge counts, unchecked.
                successors.computeIfAbsent(source.id(), s -> new HashSet<>()).add(edge.target());
                continue;
            }
            String handle = FlowGraph.handle(edge);
            List<String> handles = source.data().handles();
            if (!handles.contains(handle)) {
                errors.add(handles.isEmpty()
                        ? new ValidationError(source.id(), field, "flow.handle-none", handle, NodeTypes.name(source.data()))
                        : new ValidationError(source.id(), field, "flow.handle-unknown", handle, NodeTypes.name(source.data()),
                                String.join(", ", handles)));
                continue;
            }
            if (!usedHandles.add(source.id() + "\u0000" + handle)) {
                errors.add(new ValidationError(source.id(), field, "flow.handle-twice", handle));
                continue;
            }
            successors.computeIfAbsent(source.id(), s -> new HashSet<>()).add(edge.target());
        }
        return successors;
    }

    private static void checkJumps(Map<String, Node> nodes, Set<String> sound, Map<String, Set<String>> successors,
            List<ValidationError> errors) {
        nodes.values().forEach(node -> {
            if (sound.contains(node.id()) && node.data() instanceof JumpNode jump && jump.withinFlow() && jump.nodeId() != null) {
                if (nodes.containsKey(jump.nodeId())) {
                    successors.computeIfAbsent(node.id(), s -> new HashSet<>()).add(jump.nodeId());
                } else {
                    errors.add(new ValidationError(node.id(), "nodeId", "flow.no-such-node", jump.nodeId()));
                }
            }
        });
    }

    private static void checkReachable(String start, Map<String, Node> nodes, Map<String, Set<String>> successors,
            List<ValidationError> errors) {
        Set<String> reached = new HashSet<>(List.of(start));
        Deque<String> queue = new ArrayDeque<>(reached);
        while (!queue.isEmpty()) {
            for (String next : successors.getOrDefault(queue.poll(), Set.of())) {
                if (reached.add(next)) {
                    queue.add(next);
                }
            }
        }
        nodes.keySet().stream().filter(id -> !reached.contains(id))
                .forEach(id -> errors.add(new ValidationError(id, null, "flow.unreachable")));
    }

    /** A cycle of nodes none of which waits would run until the engine stops it. */
    private static void checkLoopsThatNeverWait(Map<String, Node> nodes, Set<String> sound,
            Map<String, Set<String>> successors, List<ValidationError> errors) {
        Map<String, Integer> state = new HashMap<>();
        for (String id : nodes.keySet()) {
            findLoop(id, nodes, sound, successors, state, new ArrayList<>(), errors);
        }
    }

    private static void findLoop(String id, Map<String, Node> nodes, Set<String> sound, Map<String, Set<String>> successors,
            Map<String, Integer> state, List<String> path, List<ValidationError> errors) {
        Node node = nodes.get(id);
        if (!sound.contains(id) || node.data().waits() || state.getOrDefault(id, 0) == 2) {
            return;
        }
        if (state.getOrDefault(id, 0) == 1) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            loop.add(id);
            errors.add(new ValidationError(id, null, "flow.loop", String.join(" → ", loop)));
            return;
        }
        state.put(id, 1);
        path.add(id);
        for (String next : successors.getOrDefault(id, Set.of())) {
            findLoop(next, nodes, sound, successors, state, path, errors);
        }
        path.removeLast();
        state.put(id, 2);
    }

    private static void checkVariables(Map<String, Node> nodes, List<String> inputs, Set<String> sound,
            List<ValidationError> errors) {
        Set<String> known = new HashSet<>(Templates.BUILT_IN_ROOTS);
        known.addAll(inputs);
        nodes.values().stream().filter(n -> sound.contains(n.id())).forEach(n -> known.addAll(n.data().definedVariables()));
        for (Node node : nodes.values()) {
            if (!sound.contains(node.id())) {
                continue;
            }
            node.data().templates().forEach(field -> Templates.references(field.template()).stream()
                    .filter(path -> !known.contains(Templates.root(path)))
                    .forEach(path -> errors.add(new ValidationError(node.id(), field.path(),
                            "flow.unknown-variable", "{{" + path + "}}", Templates.root(path)))));
        }
    }
}
