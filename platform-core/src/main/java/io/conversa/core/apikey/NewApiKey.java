package io.conversa.core.apikey;

import io.conversa.core.tenant.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record NewApiKey(@NotBlank @Size(max = 100) String name, @NotNull Role role) {
}
