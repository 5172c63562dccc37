package io.conversa.engine.node;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The node types' names in the flow format, as {@link NodeData} declares them. */
public final class NodeTypes {

    private static final Map<Class<?>, String> NAMES = new LinkedHashMap<>();

    static {
        for (JsonSubTypes.Type type : NodeData.class.getAnnotation(JsonSubTypes.class).value()) {
            NAMES.put(type.value(), type.name());
        }
    }

    private NodeTypes() {
    }

    public static String name(NodeData data) {
        return NAMES.get(data.getClass());
    }

    public static List<String> names() {
        return List.copyOf(NAMES.values());
    }
}
