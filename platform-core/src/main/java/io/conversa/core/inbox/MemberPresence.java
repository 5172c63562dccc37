package io.conversa.core.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A member with the inbox open: {@code ONLINE} (takes conversations) or {@code AWAY}, as of {@code seenAt}. */
public record MemberPresence(UUID userId, String name, String status, OffsetDateTime seenAt) {
}
