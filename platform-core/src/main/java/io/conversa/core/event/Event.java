package io.conversa.core.event;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A recorded fact, as the event stream and webhooks deliver it.
 *
 * @param id       unique: a consumer that sees one twice (delivery is at least once) drops the repeat
 * @param type     {@code message.received}, {@code message.status}, ... ({@link EventType})
 * @param position where it stands in the tenant's log; resume after it
 */
public record Event(UUID id, String type, String position, OffsetDateTime occurredAt, UUID conversationId,
        Map<String, Object> data) {
}
