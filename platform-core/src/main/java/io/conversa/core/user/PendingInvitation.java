package io.conversa.core.user;

import io.conversa.core.tenant.Role;

/** What the invitation page shows the invitee before they set a password. */
public record PendingInvitation(String tenantName, String email, String name, Role role) {
}
