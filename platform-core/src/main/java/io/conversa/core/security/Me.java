package io.conversa.core.security;

import io.conversa.core.tenant.Role;
import java.util.UUID;

/** Who the caller is: a user (signed in) or an API key, in a tenant, with a role. */
public record Me(UserInfo user, ApiKeyInfo apiKey, TenantInfo tenant, Role role) {

    public record UserInfo(UUID id, String email, String name) {
    }

    public record ApiKeyInfo(UUID id) {
    }

    public record TenantInfo(UUID id, String name) {
    }
}
