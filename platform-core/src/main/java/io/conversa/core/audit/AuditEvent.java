package io.conversa.core.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One line of a tenant's audit log: who did what, when, from where. */
public record AuditEvent(long id, OffsetDateTime occurredAt, UUID actorUserId, UUID actorApiKeyId, String action,
        String target, String ip, String userAgent, Map<String, Object> details) {
}
