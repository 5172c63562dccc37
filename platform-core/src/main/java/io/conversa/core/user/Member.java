package io.conversa.core.user;

import io.conversa.core.tenant.Role;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A user as a tenant sees them: their account and their role in the tenant. */
public record Member(UUID id, String email, String name, Role role, OffsetDateTime joinedAt) {
}
