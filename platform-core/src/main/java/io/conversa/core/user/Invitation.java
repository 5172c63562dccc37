package io.conversa.core.user;

import io.conversa.core.tenant.Role;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An invitation nobody has accepted or revoked yet. */
public record Invitation(UUID id, String email, String name, Role role, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
}
