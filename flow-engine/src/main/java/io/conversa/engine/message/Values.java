package io.conversa.engine.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Helpers for JSON-like values (maps, lists, strings, numbers): render or list their strings. */
public final class Values {

    private Values() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T renderStrings(T value, Function<String, ?> renderer) {
        if (value instanceof String text) {
            return (T) renderer.apply(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> rendered = new LinkedHashMap<>();
            map.forEach((k, v) -> rendered.put(k, renderStrings(v, renderer)));
            return (T) rendered;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(v -> renderStrings(v, renderer)).toList();
        }
        return value;
    }

    public static List<OutgoingMessage.Field> strings(String path, Object value) {
        List<OutgoingMessage.Field> fields = new ArrayList<>();
        collect(path, value, fields);
        return fields;
    }

    private static void collect(String path, Object value, List<OutgoingMessage.Field> fields) {
        if (value instanceof String text) {
            fields.add(new OutgoingMessage.Field(path, text));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(path + "." + k, v, fields));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(path + "[" + i + "]", list.get(i), fields);
            }
        }
    }
}
