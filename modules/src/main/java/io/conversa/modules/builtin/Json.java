package io.conversa.modules.builtin;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON for the built-ins: their schemas are written as JSON, and HTTP bodies are JSON or text. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static Map<String, Object> object(String json) {
        return MAPPER.readValue(json, new TypeReference<>() {
        });
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
