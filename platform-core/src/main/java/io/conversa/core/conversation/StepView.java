package io.conversa.core.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of a conversation's path: a node entered, a variable set, an answer refused, an error. */
public record StepView(long id, UUID sessionId, OffsetDateTime at, String nodeId, String kind, String detail) {
}
