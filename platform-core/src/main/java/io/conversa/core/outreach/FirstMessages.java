package io.conversa.core.outreach;

import io.conversa.engine.FlowGraph;
import io.conversa.engine.Node;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.node.MessageNode;
import io.conversa.engine.node.QuestionNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The messages a flow can send first, by node: from the start, through every node that sends
 * nothing (conditions, variables, delays, actions), to the first message or question on each path.
 * Outside the 24-hour window each of them must be a template.
 */
final class FirstMessages {

    private FirstMessages() {
    }

    static Map<String, OutgoingMessage> of(FlowGraph graph) {
        Map<String, OutgoingMessage> first = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(graph.flow().start());
        while (!pending.isEmpty()) {
            String id = pending.poll();
            Optional<Node> node = seen.add(id) ? graph.node(id) : Optional.empty();
            if (node.isEmpty()) {
                continue;
            }
            switch (node.get().data()) {
                case MessageNode message -> first.put(id, message.message());
                case QuestionNode question -> first.put(id, question.prompt());
                default -> node.get().data().handles().forEach(handle -> graph.target(id, handle).ifPresent(pending::add));
            }
        }
        return first;
    }
}
