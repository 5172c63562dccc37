package io.conversa.core.analytics;

import io.conversa.core.background.PollingWorkers;
import io.conversa.core.db.Transactions;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/**
 * Keeps the per-flow counts current: every few seconds, the steps logged since the last run (and
 * settled, {@link #SETTLED}) are added to the hourly counts, a slice per transaction. The progress row's lock makes one process
 * of a cluster do it at a time; a process that dies mid-slice leaves it for the next (the slice
 * and its progress commit together, so no step is counted twice or not at all).
 */
@Component
class FlowStatsAggregator extends PollingWorkers {

    static final int SLICE = 20_000;
    /** Longer than a step's transaction lasts: older steps are all committed. */
    static final Duration SETTLED = Duration.ofSeconds(10);

    private final Transactions transactions;
    private final FlowStatsRepository stats;

    FlowStatsAggregator(Transactions transactions, FlowStatsRepository stats) {
        super("flow-stats", 1, Duration.ofSeconds(2));
        this.transactions = transactions;
        this.stats = stats;
    }

    /**
     * Adds one slice of new steps; true only when the slice was full, so more may wait at once.
     * Otherwise the next run waits for the poll interval: under steady traffic a few steps settle
     * every moment, and adding them one handful per transaction cost more than the steps themselves.
     */
    @Override
    protected boolean workOnce() {
        return transactions.asSystem(() -> stats.lockProgress().map(after -> {
            long upTo = stats.sliceEnd(after, SLICE, OffsetDateTime.now().minus(SETTLED));
            if (upTo == after) {
                return false;
            }
            stats.aggregate(after, upTo);
            return upTo - after >= SLICE;
        }).orElse(false));
    }
}
