package io.conversa.core.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** @param tenantId optional: the tenant to sign in to, for accounts in several */
public record LoginRequest(
        @NotBlank @Size(max = 254) String email,
        @NotNull @Size(max = 200) String password,
        UUID tenantId) {
}
