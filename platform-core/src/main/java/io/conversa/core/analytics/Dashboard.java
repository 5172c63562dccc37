package io.conversa.core.analytics;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The figures of a period ({@code from} inclusive, {@code to} exclusive) beside those of the
 * period as long before it, and both again per {@code slice} (an hour for periods up to two days,
 * else a day): {@code series[i]} and {@code previousSeries[i]} are the same slice of each period.
 */
public record Dashboard(OffsetDateTime from, OffsetDateTime to, UUID channelId, Kpis current, Kpis previous,
        Slice slice, List<KpiPoint> series, List<KpiPoint> previousSeries) {

    public enum Slice { HOUR, DAY }
}
