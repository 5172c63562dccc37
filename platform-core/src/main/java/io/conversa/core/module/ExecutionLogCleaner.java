package io.conversa.core.module;

import io.conversa.core.background.RetentionCleaner;
import io.conversa.core.db.Transactions;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/** Keeps the execution log to its retention (conversa.modules.execution-log-retention). */
@Component
class ExecutionLogCleaner extends RetentionCleaner {

    private final Transactions transactions;
    private final ExecutionLogRepository executions;

    ExecutionLogCleaner(Transactions transactions, ExecutionLogRepository executions, ModuleProperties properties,
            Clock clock) {
        super("execution-log-cleaner", properties.executionLogRetention(), clock);
        this.transactions = transactions;
        this.executions = executions;
    }

    @Override
    protected int deleteOlderThan(OffsetDateTime before, int batch) {
        return transactions.asSystem(() -> executions.deleteOlderThan(before, batch));
    }
}
