package io.conversa.web.flows;

import io.conversa.core.analytics.FlowAnalytics;
import io.conversa.web.i18n.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A published version's graph with its analytics on it: counts on each node, followers on each edge. */
final class FlowStatsOverlay {

    private FlowStatsOverlay() {
    }

    static FlowCanvas.Graph apply(FlowCanvas.Graph graph, FlowAnalytics analytics, Texts texts) {
        Map<String, FlowAnalytics.NodeStats> nodes = analytics.nodes().stream()
                .collect(Collectors.toMap(FlowAnalytics.NodeStats::nodeId, Function.identity()));
        Map<String, Long> edges = analytics.edges().stream()
                .collect(Collectors.toMap(FlowAnalytics.EdgeStats::edgeId, FlowAnalytics.EdgeStats::followed));
        return new FlowCanvas.Graph(graph.nodes().stream().map(node -> new FlowCanvas.CanvasNode(node.id(), node.x(), node.y(),
                        node.data().withStats(stats(nodes.get(node.id()), texts)), false)).toList(),
                graph.edges().stream().map(edge -> new FlowCanvas.CanvasEdge(edge.id(), edge.source(), edge.sourceHandle(),
                        edge.target(), label(edge, edges.getOrDefault(edge.id(), 0L), texts))).toList(),
                graph.fit());
    }

    private static String stats(FlowAnalytics.NodeStats node, Texts texts) {
        if (node == null) {
            return texts.get("analytics.entered", 0);
        }
        List<String> lines = new ArrayList<>(List.of(texts.get("analytics.entered", node.entered())));
        if (node.stoppedHere() > 0) {
            lines.add(texts.get("analytics.stoppedHere", node.stoppedHere()));
        }
        if (node.invalidAnswers() > 0) {
            lines.add(texts.get("analytics.invalidAnswers", node.invalidAnswers()));
        }
        return String.join("\n", lines);
    }

    private static String label(FlowCanvas.CanvasEdge edge, long followed, Texts texts) {
        String count = texts.get("analytics.followed", followed);
        return "next".equals(edge.sourceHandle()) ? count : edge.sourceHandle() + " · " + count;
    }
}
