package io.conversa.core.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Which audit entries to show: by a member, of an action (e.g. {@code channel.connected}), from (inclusive) and to (exclusive); null: any. */
public record AuditFilter(UUID actorUserId, String action, OffsetDateTime from, OffsetDateTime to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null);
}
