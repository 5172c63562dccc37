package io.conversa.core.user;

import io.conversa.core.tenant.Role;
import java.util.UUID;

/** A tenant an account belongs to, and in which role. */
public record Membership(UUID tenantId, String tenantName, Role role) {
}
