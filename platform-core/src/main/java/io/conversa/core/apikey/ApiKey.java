package io.conversa.core.apikey;

import io.conversa.core.tenant.Role;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An API key as listed: never the key itself, only its first characters to recognise it by. */
public record ApiKey(UUID id, String name, String prefix, Role role, UUID createdBy, OffsetDateTime createdAt,
        OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
}
