package io.conversa.core.flow;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A flow in the list: its draft's name and revision, and the version new conversations start
 * on ({@code status} PUBLISHED once there is one, else DRAFT).
 */
public record FlowSummary(UUID id, String name, String status, int draftRevision, Integer publishedVersion,
        OffsetDateTime updatedAt, UUID updatedBy) {

    static FlowSummary of(UUID id, String name, int draftRevision, Integer publishedVersion, OffsetDateTime updatedAt,
            UUID updatedBy) {
        return new FlowSummary(id, name, publishedVersion == null ? "DRAFT" : "PUBLISHED", draftRevision,
                publishedVersion, updatedAt, updatedBy);
    }
}
