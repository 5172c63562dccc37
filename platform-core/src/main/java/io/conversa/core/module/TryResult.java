package io.conversa.core.module;

import java.util.List;

/** What a trial run gave: the output, or the error, and what the module logged. */
public record TryResult(ModuleExecution.Outcome outcome, Object output, String error, int durationMs, List<String> logs) {
}
