package io.conversa.core.analytics;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The figures of a period ({@code from} inclusive, {@code to} exclusive) beside those of the period as long before it. */
public record Dashboard(OffsetDateTime from, OffsetDateTime to, UUID channelId, Kpis current, Kpis previous) {
}
