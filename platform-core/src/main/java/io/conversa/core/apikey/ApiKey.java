package io.conversa.core.apikey;

import io.conversa.core.tenant.Role;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An API key as listed: never the key itself, only its first characters to recognise it by.
 *
 * @param scopes            what it is narrowed to, or null: whatever its role allows
 * @param requestsPerMinute its own rate limit, or null: the operator's default
 */
public record ApiKey(UUID id, String name, String prefix, Role role, List<String> scopes, Integer requestsPerMinute,
        UUID createdBy, OffsetDateTime createdAt,
        OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
}
