package io.conversa.core.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation as the API shows it, with its running session if any.
 *
 * @param status          {@code OPEN} or {@code CLOSED}
 * @param assigneeId      the member who has it, or null
 * @param handedOffAt     when a flow last handed it to a person
 * @param firstResponseAt when a person first answered after that
 * @param closedAt        when it was closed (resolution time: from {@code handedOffAt})
 * @param activityAt      when the customer last wrote, else when it began: the list's order
 * @param unread          the customer's messages no agent has seen yet
 */
public record ConversationView(UUID id, UUID channelId, String waId, Map<String, Object> contact,
        OffsetDateTime lastInboundAt, String status, UUID assigneeId, List<String> labels, OffsetDateTime handedOffAt,
        OffsetDateTime firstResponseAt, OffsetDateTime closedAt, OffsetDateTime activityAt, int unread, SessionView session) {

    /** Where the session stands: its flow version, status, the node it waits at and its variables. */
    public record SessionView(UUID id, UUID flowId, int flowVersion, String status, String nodeId,
            Map<String, Object> variables, OffsetDateTime startedAt, OffsetDateTime lastActivityAt) {
    }
}
