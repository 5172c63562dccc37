package io.conversa.core.user;

import io.conversa.core.tenant.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record NewMember(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(min = 10, max = 200) String password,
        @NotNull Role role) {
}
