package io.conversa.core.module;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One run of a module, as the tenant's execution log shows it. */
public record ModuleExecution(UUID id, String moduleId, String version, UUID conversationId, OffsetDateTime startedAt,
        int durationMs, Outcome outcome, String error, List<String> logs) {

    public enum Outcome { SUCCEEDED, FAILED }
}
