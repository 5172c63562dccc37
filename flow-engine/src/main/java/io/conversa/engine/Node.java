package io.conversa.engine;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.conversa.engine.node.NodeData;

/** One box on the canvas: where it sits and what it does ({@code type} names the kind of {@code data}). */
public record Node(
        String id,
        Position position,
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "type")
        NodeData data) {

    public record Position(double x, double y) {
    }
}
