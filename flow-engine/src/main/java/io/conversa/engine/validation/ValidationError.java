package io.conversa.engine.validation;

/**
 * Why a flow cannot be published: the node (null for the flow as a whole), the field within
 * it, and what is wrong, so the builder can point at it.
 */
public record ValidationError(String nodeId, String field, String message) {
}
