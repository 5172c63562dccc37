package io.conversa.core.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An internal note on a conversation: for the team, never sent to the customer. */
public record Note(long id, UUID conversationId, UUID authorId, String body, OffsetDateTime createdAt) {
}
