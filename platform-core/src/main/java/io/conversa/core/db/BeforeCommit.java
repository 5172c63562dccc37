package io.conversa.core.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tenants' rows a transaction adds one by one and writes together just before it commits, each
 * tenant's with one statement in that tenant ({@link Transactions#inTenant}): a transaction shared
 * by many units of work ({@link GroupCommit}) makes one round trip for all of them. The rows
 * commit, or not, with the transaction; a failing write fails the commit.
 *
 * @param <T> a row
 */
public final class BeforeCommit<T> {

    private final Transactions transactions;
    private final Function<T, UUID> tenant;
    private final Consumer<List<T>> writer;
    private final Consumer<List<T>> afterCommit;

    /**
     * @param tenant      the tenant a row belongs to
     * @param writer      writes one tenant's rows, in the order they were added
     * @param afterCommit is told all the rows once they committed
     */
    public BeforeCommit(Transactions transactions, Function<T, UUID> tenant, Consumer<List<T>> writer,
            Consumer<List<T>> afterCommit) {
        this.transactions = transactions;
        this.tenant = tenant;
        this.writer = writer;
        this.afterCommit = afterCommit;
    }

    /** Adds a row to the current transaction's; there must be one. */
    public void add(T row) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Rows are added in the transaction that commits them");
        }
        inThisTransaction().add(row);
    }

    @SuppressWarnings("unchecked")
    private List<T> inThisTransaction() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (List<T>) bound;
        }
        List<T> rows = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, rows);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                rows.stream().collect(Collectors.groupingBy(tenant, LinkedHashMap::new, Collectors.toList()))
                        .forEach((tenantId, tenantRows) -> transactions.inTenant(tenantId, () -> {
                            writer.accept(tenantRows);
                            return null;
                        }));
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(BeforeCommit.this);
                if (status == STATUS_COMMITTED) {
                    afterCommit.accept(rows);
                }
            }
        });
        return rows;
    }
}
