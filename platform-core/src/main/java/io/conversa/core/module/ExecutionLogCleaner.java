package io.conversa.core.module;

import io.conversa.core.background.PollingWorkers;
import io.conversa.core.db.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/** Keeps the execution log to its retention (conversa.modules.execution-log-retention), a batch at a time. */
@Component
class ExecutionLogCleaner extends PollingWorkers {

    static final int BATCH = 5_000;

    private final Transactions transactions;
    private final ExecutionLogRepository executions;
    private final Duration retention;
    private final Clock clock;

    ExecutionLogCleaner(Transactions transactions, ExecutionLogRepository executions, ModuleProperties properties,
            Clock clock) {
        super("execution-log-cleaner", 1, Duration.ofMinutes(10));
        this.transactions = transactions;
        this.executions = executions;
        this.retention = properties.executionLogRetention();
        this.clock = clock;
    }

    /** Deletes a batch of expired executions; true while there may be more. */
    @Override
    protected boolean workOnce() {
        return deleteExpired() == BATCH;
    }

    int deleteExpired() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(retention);
        return transactions.asSystem(() -> executions.deleteOlderThan(before, BATCH));
    }
}
