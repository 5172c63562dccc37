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

    static FlowGraph graph(String json) {
        return FlowGraph.of(parse(json));
    }
}
