package io.conversa.core.flow;

import io.conversa.engine.FlowGraph;
import java.util.UUID;

/** A frozen flow version, ready to step. */
public record PublishedFlow(UUID flowId, int version, FlowGraph graph) {
}
