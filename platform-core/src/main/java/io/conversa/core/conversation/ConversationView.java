package io.conversa.core.conversation;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A conversation as the API shows it, with its running session if any. */
public record ConversationView(UUID id, UUID channelId, String waId, Map<String, Object> contact,
        OffsetDateTime lastInboundAt, SessionView session) {

    /** Where the session stands: its flow version, status, the node it waits at and its variables. */
    public record SessionView(UUID id, UUID flowId, int flowVersion, String status, String nodeId,
            Map<String, Object> variables, OffsetDateTime startedAt, OffsetDateTime lastActivityAt) {
    }
}
