package io.conversa.core.flow;

import java.time.OffsetDateTime;
import java.util.UUID;

public record FlowVersion(UUID flowId, int version, OffsetDateTime publishedAt, UUID publishedBy) {
}
