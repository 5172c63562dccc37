package io.conversa.web.flows;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.react.ReactAdapterComponent;
import com.vaadin.flow.function.SerializableConsumer;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The node-graph editor (React Flow): shows a {@link Graph} and reports each edit the person makes;
 * the view applies it to the flow and shows the graph anew.
 */
@NpmPackage(value = "@xyflow/react", version = "12.12.1")
@CssImport("@xyflow/react/dist/style.css")
@JsModule("./flow-canvas.tsx")
@Tag("flow-canvas")
public class FlowCanvas extends ReactAdapterComponent {

    /**
     * What a node shows: its kind, title, a preview of what it does, its outgoing handles and
     * problems, and (for a published version) how customers passed it, or null.
     */
    public record NodeView(String type, String title, String preview, List<String> handles, List<String> problems,
            boolean start, boolean active, String stats) {

        NodeView withStats(String stats) {
            return new NodeView(type, title, preview, handles, problems, start, active, stats);
        }
    }

    public record CanvasNode(String id, double x, double y, NodeView data, boolean selected) {
    }

    /** @param label shown on the edge instead of its handle, or null */
    public record CanvasEdge(String id, String source, String sourceHandle, String target, String label) {
    }

    /** @param fit changes when the view should fit the whole graph (a flow opened, a version restored) */
    public record Graph(List<CanvasNode> nodes, List<CanvasEdge> edges, int fit) {
    }

    public record Moved(String id, double x, double y) {
    }

    public record Connect(String source, String sourceHandle, String target) {
    }

    public void setGraph(Graph graph) {
        setState("graph", graph);
    }

    public void onSelect(SerializableConsumer<List<String>> listener) {
        on("canvas-select", detail -> listener.accept(strings(detail.path("nodes"))));
    }

    public void onMove(SerializableConsumer<List<Moved>> listener) {
        on("canvas-move", detail -> listener.accept(detail.path("nodes").valueStream()
                .map(n -> new Moved(n.path("id").asString(), n.path("x").asDouble(), n.path("y").asDouble())).toList()));
    }

    public void onConnect(SerializableConsumer<Connect> listener) {
        on("canvas-connect", detail -> listener.accept(new Connect(detail.path("source").asString(),
                detail.path("sourceHandle").asString("next"), detail.path("target").asString())));
    }

    /** Nodes and edges the person deleted (edges of deleted nodes included). */
    public void onDelete(SerializableConsumer<Deleted> listener) {
        on("canvas-delete", detail -> listener.accept(new Deleted(strings(detail.path("nodes")), strings(detail.path("edges")))));
    }

    public record Deleted(List<String> nodes, List<String> edges) {
    }

    /** A node type dropped from the palette, at a canvas position. */
    public void onAdd(SerializableConsumer<Added> listener) {
        on("canvas-add", detail -> listener.accept(new Added(detail.path("type").asString(), detail.path("x").asDouble(),
                detail.path("y").asDouble())));
    }

    public record Added(String type, double x, double y) {
    }

    public void onPaste(SerializableConsumer<List<String>> listener) {
        on("canvas-paste", detail -> listener.accept(strings(detail.path("nodes"))));
    }

    public void onUndo(Runnable listener) {
        on("canvas-undo", detail -> listener.run());
    }

    public void onRedo(Runnable listener) {
        on("canvas-redo", detail -> listener.run());
    }

    private void on(String event, SerializableConsumer<JsonNode> listener) {
        getElement().addEventListener(event, e -> listener.accept(e.getEventData().get("event.detail")))
                .addEventData("event.detail");
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
