package io.conversa.core.user;

import io.conversa.core.tenant.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Whom to invite, under which name (they may change it when they accept) and with which role. */
public record NewInvitation(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 200) String name,
        @NotNull Role role) {
}
