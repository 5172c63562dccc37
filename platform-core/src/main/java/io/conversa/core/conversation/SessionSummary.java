package io.conversa.core.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One run of a flow in a conversation.
 *
 * @param endReason how it ended (COMPLETED, EXPIRED, RESET, RESTARTED, ...), null while it runs
 */
public record SessionSummary(UUID id, UUID flowId, String flowName, int flowVersion, String status, OffsetDateTime startedAt,
        OffsetDateTime endedAt, String endReason) {
}
