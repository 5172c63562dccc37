package io.conversa.core.apikey;

import io.conversa.core.tenant.Role;
import io.swagger.v3.oas.annotations.media.Schema;
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
public record NewApiKey(
        @Schema(example = "Shop backend") @NotBlank @Size(max = 100) String name,
        @Schema(example = "ADMIN") @NotNull Role role,
        @Schema(example = "[\"messages:send\", \"contacts:read\", \"contacts:write\"]") @Size(min = 1, max = 30) List<String> scopes,
        @Schema(example = "600") @Min(1) @Max(100_000) Integer requestsPerMinute) {
}
