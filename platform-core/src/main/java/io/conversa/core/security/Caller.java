package io.conversa.core.security;

import io.conversa.core.tenant.Role;
import java.io.Serializable;
import java.util.UUID;

/**
 * Who makes a request: a member of a tenant (signed in, {@code userId} set) or one of the
 * tenant's API keys ({@code apiKeyId} set), with the role that decides what it may do.
 */
public record Caller(UUID tenantId, UUID userId, UUID apiKeyId, Role role) implements Serializable {

    public static Caller member(UUID tenantId, UUID userId, Role role) {
        return new Caller(tenantId, userId, null, role);
    }

    public static Caller apiKey(UUID tenantId, UUID apiKeyId, Role role) {
        return new Caller(tenantId, null, apiKeyId, role);
    }
}
