package io.conversa.engine;

/** Leads from one handle of a node ({@code sourceHandle}, e.g. {@code next} or a button id) to a node. */
public record Edge(String id, String source, String sourceHandle, String target) {
}
