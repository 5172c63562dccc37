package io.conversa.core.security;

import io.conversa.core.tenant.Role;
import java.util.UUID;

/** Who the caller is: a user (signed in) or an API key, in a tenant, with a role. */
public record Me(UserInfo user, ApiKeyInfo apiKey, TenantInfo tenant, Role role) {

    /** @param language the console's language the person chose ({@code en}, {@code pt-BR}), or null: their browser's */
    public record UserInfo(UUID id, String email, String name, String language) {
    }

    public record ApiKeyInfo(UUID id) {
    }

    public record TenantInfo(UUID id, String name) {
    }
}
