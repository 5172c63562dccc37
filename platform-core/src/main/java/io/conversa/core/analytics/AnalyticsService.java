package io.conversa.core.analytics;

import io.conversa.core.db.Transactions;
import io.conversa.core.flow.FlowService;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import io.conversa.engine.Flow;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What a business sees of its results: a period's key figures beside the period before, in all and over time. */
@Service
public class AnalyticsService {

    static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    private final Transactions transactions;
    private final KpiQueries queries;
    private final FlowStatsRepository flowStats;
    private final FlowService flows;

    AnalyticsService(Transactions transactions, KpiQueries queries, FlowStatsRepository flowStats, FlowService flows) {
        this.transactions = transactions;
        this.queries = queries;
        this.flowStats = flowStats;
        this.flows = flows;
    }

    /** @param channelId one number, or null for all */
    public Dashboard dashboard(Caller caller, UUID channelId, OffsetDateTime from, OffsetDateTime to) {
        Duration length = checkPeriod(from, to);
        Dashboard.Slice slice = length.compareTo(Duration.ofDays(2)) <= 0 ? Dashboard.Slice.HOUR : Dashboard.Slice.DAY;
        Duration step = slice == Dashboard.Slice.HOUR ? Duration.ofHours(1) : Duration.ofDays(1);
        UUID tenantId = caller.tenantId();
        return transactions.inTenant(tenantId, () -> new Dashboard(from, to, channelId,
                queries.kpis(tenantId, channelId, from, to), queries.kpis(tenantId, channelId, from.minus(length), from), slice,
                queries.series(tenantId, channelId, from, to, step), queries.series(tenantId, channelId, from.minus(length), from, step)));
    }

    /**
     * A published version's counts per node and edge in the period (whole hours: the counts are
     * kept per hour, and steps join them a few seconds after they run).
     */
    public FlowAnalytics flow(Caller caller, UUID flowId, int version, OffsetDateTime from, OffsetDateTime to) {
        checkPeriod(from, to);
        return transactions.inTenant(caller.tenantId(), () -> {
            Flow flow = flows.published(caller.tenantId(), flowId, version).filter(published -> version > 0)
                    .orElseThrow(() -> Problems.notFound("flow.no-version", flowId, version))
                    .graph().flow();
            Map<String, long[]> nodes = flowStats.nodes(caller.tenantId(), flowId, version, from, to);
            Map<String, Long> moves = flowStats.edges(caller.tenantId(), flowId, version, from, to);
            List<FlowAnalytics.EdgeStats> edges = flow.edges().stream()
                    .map(e -> new FlowAnalytics.EdgeStats(e.id(), e.source(), e.target(), moves.getOrDefault(e.source() + " " + e.target(), 0L)))
                    .toList();
            List<FlowAnalytics.NodeStats> nodeStats = flow.nodes().stream().map(node -> {
                long[] counts = nodes.getOrDefault(node.id(), new long[2]);
                boolean leads = flow.edges().stream().anyMatch(e -> e.source().equals(node.id()));
                long wentOn = moves.entrySet().stream().filter(m -> m.getKey().startsWith(node.id() + " "))
                        .mapToLong(Map.Entry::getValue).sum();
                return new FlowAnalytics.NodeStats(node.id(), counts[0], counts[1], leads ? Math.max(0, counts[0] - wentOn) : 0);
            }).toList();
            return new FlowAnalytics(flowId, version, from, to, nodeStats, edges);
        });
    }

    private static Duration checkPeriod(OffsetDateTime from, OffsetDateTime to) {
        if (!from.isBefore(to)) {
            throw Problems.invalid("to", "period.to-before-from");
        }
        Duration length = Duration.between(from, to);
        if (length.compareTo(LONGEST_PERIOD) > 0) {
            throw Problems.invalid("to", "period.too-long");
        }
        return length;
    }
}
