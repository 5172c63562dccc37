package io.conversa.core.analytics;

import java.time.OffsetDateTime;

/** The figures of one slice of a period (an hour or a day) that starts at {@code start}; failures by code are left out. */
public record KpiPoint(OffsetDateTime start, Kpis kpis) {
}
