package io.conversa.sdk;

/** How a call ended: an output for the flow, or a failure the flow follows {@code error} for. */
public sealed interface ModuleResult {

    static ModuleResult success(Object output) {
        return new Success(output);
    }

    static ModuleResult failure(String message) {
        return new Failure(message);
    }

    /** {@code output}: JSON-like data (maps, lists, strings, numbers, booleans, null). */
    record Success(Object output) implements ModuleResult {
    }

    record Failure(String message) implements ModuleResult {
    }
}
