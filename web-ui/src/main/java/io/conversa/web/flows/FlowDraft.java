package io.conversa.web.flows;

import io.conversa.core.flow.FlowJson;
import io.conversa.engine.Flow;
import io.conversa.engine.Node;
import io.conversa.engine.validation.ValidationError;
import io.conversa.web.i18n.Texts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The flow document being edited, with the builder's operations on it (add, move, connect, delete,
 * paste, edit a node's data), undo and redo, and the graph the canvas shows. Plain Java: the view
 * saves the document after each operation.
 */
public final class FlowDraft {

    static final int HISTORY = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a node of each type starts with when dragged in: valid, so it runs as soon as it is connected. */
    static final Map<String, String> NEW_NODE_DATA = newNodeData();
    /** Where a new node's data holds a text in the builder's language: @key@. */
    private static final Pattern TEXT_KEY = Pattern.compile("@([a-z.]+)@");

    private final FlowJson flowJson;
    private ObjectNode document;
    private final Deque<ObjectNode> undo = new ArrayDeque<>();
    private final Deque<ObjectNode> redo = new ArrayDeque<>();

    public FlowDraft(FlowJson flowJson, JsonNode document) {
        this.flowJson = flowJson;
        this.document = (ObjectNode) document.deepCopy();
    }

    private static Map<String, String> newNodeData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("message", "{\"message\": {\"type\": \"text\", \"body\": @node.default.message@}}");
        data.put("question", "{\"prompt\": {\"type\": \"text\", \"body\": @node.default.question@}, \"variable\": \"answer\"}");
        data.put("condition", "{\"rules\": [{\"id\": \"yes\", \"match\": \"all\", \"comparisons\": "
                + "[{\"left\": \"{{answer}}\", \"operator\": \"equals\", \"right\": \"yes\"}]}]}");
        data.put("action", "{\"moduleId\": \"conversa.http-request\", \"moduleVersion\": \"1.0.0\", "
                + "\"config\": {\"url\": \"https://example.com\"}, \"outputVariable\": \"result\"}");
        data.put("set_variable", "{\"assignments\": [{\"variable\": \"name\", \"value\": \"value\"}]}");
        data.put("delay", "{\"seconds\": 60}");
        data.put("handoff", "{\"message\": @node.default.handoff@}");
        data.put("jump", "{\"nodeId\": \"\"}");
        data.put("end", "{}");
        return data;
    }

    public JsonNode document() {
        return document;
    }

    /** Replaces the document (as saved, or reloaded after a conflict); history is kept. */
    public void reset(JsonNode saved) {
        document = (ObjectNode) saved.deepCopy();
    }

    public String name() {
        return document.path("name").asString("");
    }

    public void rename(String name) {
        change(doc -> doc.put("name", name));
    }

    /** The keywords that start the flow (empty: none). */
    public List<String> keywords() {
        return document.path("triggers").path("keywords").valueStream().map(JsonNode::asString).toList();
    }

    public boolean isDefaultFlow() {
        return document.path("triggers").path("defaultFlow").asBoolean(false);
    }

    public void setTriggers(List<String> keywords, boolean defaultFlow) {
        change(doc -> {
            ObjectNode triggers = doc.putObject("triggers");
            ArrayNode words = triggers.putArray("keywords");
            keywords.stream().map(String::strip).filter(k -> !k.isEmpty()).distinct().forEach(words::add);
            triggers.put("defaultFlow", defaultFlow);
        });
    }

    public String start() {
        return document.path("start").asString("");
    }

    public void setStart(String nodeId) {
        change(doc -> doc.put("start", nodeId));
    }

    /**
     * Adds a node of this type at a position, with its starting texts in the language of
     * {@code texts}; the first node becomes the start. Returns its id.
     */
    public String add(String type, double x, double y, Texts texts) {
        if (!NEW_NODE_DATA.containsKey(type)) {
            throw new IllegalArgumentException("not a node type: " + type);
        }
        String id = freshId(type);
        change(doc -> {
            ObjectNode node = nodes(doc).addObject();
            node.put("id", id).put("type", type);
            node.putObject("position").put("x", x).put("y", y);
            node.set("data", JSON.readTree(TEXT_KEY.matcher(NEW_NODE_DATA.get(type))
                    .replaceAll(key -> Matcher.quoteReplacement(JSON.writeValueAsString(texts.get(key.group(1)))))));
            if (doc.path("start").asString("").isEmpty()) {
                doc.put("start", id);
            }
        });
        return id;
    }

    public void move(String nodeId, double x, double y) {
        change(doc -> node(doc, nodeId).ifPresent(n -> ((ObjectNode) n).putObject("position").put("x", x).put("y", y)));
    }

    /** Connects a handle to a node; a handle has one edge, so an earlier one from it is replaced. */
    public void connect(String source, String sourceHandle, String target) {
        if (source.equals(target)) {
            return;
        }
        change(doc -> {
            ArrayNode edges = edges(doc);
            for (int i = edges.size() - 1; i >= 0; i--) {
                JsonNode edge = edges.get(i);
                if (edge.path("source").asString().equals(source) && handle(edge).equals(sourceHandle)) {
                    edges.remove(i);
                }
            }
            edges.addObject().put("id", freshEdgeId(doc)).put("source", source).put("sourceHandle", sourceHandle)
                    .put("target", target);
        });
    }

    /** Deletes nodes (with their edges) and edges. */
    public void delete(List<String> nodeIds, List<String> edgeIds) {
        if (nodeIds.isEmpty() && edgeIds.isEmpty()) {
            return;
        }
        Set<String> nodesGone = new HashSet<>(nodeIds);
        Set<String> edgesGone = new HashSet<>(edgeIds);
        change(doc -> {
            removeIf(nodes(doc), n -> nodesGone.contains(n.path("id").asString()));
            removeIf(edges(doc), e -> edgesGone.contains(e.path("id").asString())
                    || nodesGone.contains(e.path("source").asString()) || nodesGone.contains(e.path("target").asString()));
            if (nodesGone.contains(doc.path("start").asString())) {
                doc.put("start", nodes(doc).isEmpty() ? "" : nodes(doc).get(0).path("id").asString());
            }
        });
    }

    /** Copies nodes beside the originals, with new ids and the edges between them. Returns the new ids. */
    public List<String> paste(List<String> nodeIds) {
        List<String> copies = new ArrayList<>();
        change(doc -> {
            Map<String, String> renamed = new LinkedHashMap<>();
            for (String id : nodeIds) {
                node(doc, id).ifPresent(original -> {
                    ObjectNode copy = (ObjectNode) original.deepCopy();
                    String fresh = freshId(doc, original.path("type").asString());
                    copy.put("id", fresh);
                    copy.putObject("position").put("x", original.path("position").path("x").asDouble() + 40)
                            .put("y", original.path("position").path("y").asDouble() + 40);
                    nodes(doc).add(copy);
                    renamed.put(id, fresh);
                    copies.add(fresh);
                });
            }
            for (JsonNode edge : List.copyOf(edges(doc).valueStream().toList())) {
                String source = renamed.get(edge.path("source").asString());
                String target = renamed.get(edge.path("target").asString());
                if (source != null && target != null) {
                    edges(doc).addObject().put("id", freshEdgeId(doc)).put("source", source)
                            .put("sourceHandle", handle(edge)).put("target", target);
                }
            }
        });
        return copies;
    }

    /** The node's data, to edit in the properties panel. */
    public ObjectNode data(String nodeId) {
        return node(document, nodeId).map(n -> (ObjectNode) n.path("data").deepCopy()).orElseGet(JSON::createObjectNode);
    }

    public String type(String nodeId) {
        return node(document, nodeId).map(n -> n.path("type").asString()).orElse("");
    }

    public boolean has(String nodeId) {
        return node(document, nodeId).isPresent();
    }

    public void setData(String nodeId, JsonNode data) {
        change(doc -> node(doc, nodeId).ifPresent(n -> ((ObjectNode) n).set("data", data.deepCopy())));
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public void undo() {
        if (!undo.isEmpty()) {
            redo.push(document);
            document = undo.pop();
        }
    }

    public void redo() {
        if (!redo.isEmpty()) {
            undo.push(document);
            document = redo.pop();
        }
    }

    /** The graph the canvas shows: positions, previews, handles, problems; {@code active} is highlighted. */
    public FlowCanvas.Graph graph(Texts texts, Locale locale, List<ValidationError> problems, Set<String> selected, String active, int fit) {
        Map<String, List<String>> handles = new LinkedHashMap<>();
        try {
            Flow flow = flowJson.read(document);
            for (Node node : flow.nodes()) {
                handles.put(node.id(), node.data().handles());
            }
        } catch (RuntimeException notParsed) {
            // A document the engine cannot read yet shows every node with a "next" handle.
        }
        Map<String, List<String>> problemsByNode = problems.stream().filter(p -> p.nodeId() != null)
                .collect(Collectors.groupingBy(ValidationError::nodeId, LinkedHashMap::new,
                        Collectors.mapping(p -> p.field() == null ? p.message(locale) : p.field() + ": " + p.message(locale),
                                Collectors.toList())));
        List<FlowCanvas.CanvasNode> nodes = nodes(document).valueStream().map(n -> {
            String id = n.path("id").asString();
            String type = n.path("type").asString();
            return new FlowCanvas.CanvasNode(id, n.path("position").path("x").asDouble(), n.path("position").path("y").asDouble(),
                    new FlowCanvas.NodeView(type, NodePreview.title(texts, type, id), NodePreview.of(texts, type, n.path("data")),
                            handles.getOrDefault(id, List.of("next")), problemsByNode.getOrDefault(id, List.of()),
                            id.equals(start()), id.equals(active), null),
                    selected.contains(id));
        }).toList();
        List<FlowCanvas.CanvasEdge> edges = edges(document).valueStream()
                .map(e -> new FlowCanvas.CanvasEdge(e.path("id").asString(), e.path("source").asString(), handle(e),
                        e.path("target").asString(), null))
                .toList();
        return new FlowCanvas.Graph(nodes, edges, fit);
    }

    private interface Change {
        void apply(ObjectNode document);
    }

    private void change(Change change) {
        ObjectNode before = document.deepCopy();
        change.apply(document);
        if (!before.equals(document)) {
            undo.push(before);
            if (undo.size() > HISTORY) {
                undo.removeLast();
            }
            redo.clear();
        }
    }

    private String freshId(String type) {
        return freshId(document, type);
    }

    private static String freshId(ObjectNode doc, String type) {
        String base = type.replace("_", "");
        Set<String> taken = nodes(doc).valueStream().map(n -> n.path("id").asString()).collect(Collectors.toSet());
        for (int i = 1; ; i++) {
            if (!taken.contains(base + i)) {
                return base + i;
            }
        }
    }

    private static String freshEdgeId(ObjectNode doc) {
        Set<String> taken = edges(doc).valueStream().map(e -> e.path("id").asString()).collect(Collectors.toSet());
        for (int i = 1; ; i++) {
            if (!taken.contains("e" + i)) {
                return "e" + i;
            }
        }
    }

    private static String handle(JsonNode edge) {
        return edge.path("sourceHandle").asString("next");
    }

    private static ArrayNode nodes(ObjectNode doc) {
        return doc.has("nodes") ? (ArrayNode) doc.get("nodes") : doc.putArray("nodes");
    }

    private static ArrayNode edges(ObjectNode doc) {
        return doc.has("edges") ? (ArrayNode) doc.get("edges") : doc.putArray("edges");
    }

    private static Optional<JsonNode> node(ObjectNode doc, String id) {
        return nodes(doc).valueStream().filter(n -> n.path("id").asString().equals(id)).findFirst();
    }

    private static void removeIf(ArrayNode array, Predicate<JsonNode> gone) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (gone.test(array.get(i))) {
                array.remove(i);
            }
        }
    }
}
