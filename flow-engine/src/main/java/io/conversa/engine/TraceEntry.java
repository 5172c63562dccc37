package io.conversa.engine;

/** One thing a step did, recorded so the builder can show a conversation's path and per-node numbers. */
public record TraceEntry(Kind kind, String nodeId, String detail) {

    public enum Kind {
        NODE_ENTERED,
        VARIABLE_SET,
        INPUT_INVALID,
        WAITING,
        IGNORED,
        ERROR
    }
}
