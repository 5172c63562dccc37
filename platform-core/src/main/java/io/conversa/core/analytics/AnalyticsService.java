package io.conversa.core.analytics;

import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What a business sees of its results: a period's key figures beside the period before. */
@Service
public class AnalyticsService {

    static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    private final Transactions transactions;
    private final KpiQueries queries;

    AnalyticsService(Transactions transactions, KpiQueries queries) {
        this.transactions = transactions;
        this.queries = queries;
    }

    /** @param channelId one number, or null for all */
    public Dashboard dashboard(Caller caller, UUID channelId, OffsetDateTime from, OffsetDateTime to) {
        if (!from.isBefore(to)) {
            throw Problems.invalid("to", "must be after from");
        }
        Duration length = Duration.between(from, to);
        if (length.compareTo(LONGEST_PERIOD) > 0) {
            throw Problems.invalid("to", "must be at most 366 days after from");
        }
        return transactions.inTenant(caller.tenantId(), () -> new Dashboard(from, to, channelId,
                queries.kpis(caller.tenantId(), channelId, from, to),
                queries.kpis(caller.tenantId(), channelId, from.minus(length), from)));
    }
}
