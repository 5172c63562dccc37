package io.conversa.core.apikey;

import io.conversa.core.tenant.Role;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A key to create.
 *
 * @param scopes            narrows the key to these scopes ({@link ApiScopes#ALL}); absent: whatever the role allows
 * @param requestsPerMinute the key's own rate limit; absent: the operator's default
 */
public record NewApiKey(@NotBlank @Size(max = 100) String name, @NotNull Role role, @Size(min = 1, max = 30) List<String> scopes,
        @Min(1) @Max(100_000) Integer requestsPerMinute) {
}
