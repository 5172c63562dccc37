package io.conversa.engine;

import tools.jackson.databind.json.JsonMapper;

/** Reads flows from JSON as the platform does, so tests exercise the documented format. */
final class Flows {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Flows() {
    }

    static Flow parse(String json) {
        return JSON.readValue(json, Flow.class);
    }

    static String resource(String name) {
        try (var in = Flows.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static FlowGraph graph(String json) {
        return FlowGraph.of(parse(json));
    }
}
