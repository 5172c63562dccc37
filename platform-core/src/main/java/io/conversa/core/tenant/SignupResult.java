package io.conversa.core.tenant;

import java.util.UUID;

public record SignupResult(TenantRef tenant, UserRef user, Role role) {

    public record TenantRef(UUID id, String name) {
    }

    public record UserRef(UUID id, String email, String name) {
    }
}
