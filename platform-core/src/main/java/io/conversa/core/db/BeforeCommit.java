package io.conversa.core.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tenants' rows that a transaction adds one by one and inserts just before it commits: all of
 * one tenant's rows, whatever their tables, with one statement in that tenant
 * ({@link Transactions#inTenant}), so that a transaction shared by many units of work
 * ({@link GroupCommit}) makes one round trip for all of their rows. The rows commit, or not, with
 * the transaction; a failing insert fails the commit.
 */
@Component
public class BeforeCommit {

    private final Transactions transactions;
    private final DSLContext dsl;
    /** How many tables were given: the next one's index. */
    private int tables;
    /** By the set of tables that have rows (bit i: the i-th table). */
    private final Map<Long, FixedStatement> statements = new ConcurrentHashMap<>();

    public BeforeCommit(Transactions transactions, DSLContext dsl) {
        this.transactions = transactions;
        this.dsl = dsl;
    }

    /**
     * @param tenant      the tenant a row belongs to
     * @param columns     what is inserted of a row
     * @param afterCommit is told the rows (of every tenant) once they committed
     */
    public synchronized <T> Rows<T> rows(Table<?> table, Function<T, UUID> tenant, List<ArrayInsert.Column<T>> columns,
            Consumer<List<T>> afterCommit) {
        if (tables == Long.SIZE) {
            throw new IllegalStateException("At most " + Long.SIZE + " tables have rows before commit");
        }
        return new Rows<>(tables++, table, tenant, columns, afterCommit);
    }

    /** One table's rows. */
    public final class Rows<T> {

        private final int index;
        private final ArrayInsert<T> insert;
        private final Function<T, UUID> tenant;
        private final Consumer<List<T>> afterCommit;

        private Rows(int index, Table<?> table, Function<T, UUID> tenant, List<ArrayInsert.Column<T>> columns,
                Consumer<List<T>> afterCommit) {
            this.index = index;
            this.insert = new ArrayInsert<>(null, table, columns, "t" + index);
            this.tenant = tenant;
            this.afterCommit = afterCommit;
        }

        /** Adds a row to the current transaction's; there must be one. */
        public void add(T row) {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalStateException("Rows are added in the transaction that commits them");
            }
            inThisTransaction().add(new Added(this, row));
        }

        @SuppressWarnings("unchecked")
        private void committed(List<Object> rows) {
            afterCommit.accept((List<T>) rows);
        }

        @SuppressWarnings("unchecked")
        private UUID tenantOf(Object row) {
            return tenant.apply((T) row);
        }
    }

    private record Added(Rows<?> table, Object row) {
    }

    @SuppressWarnings("unchecked")
    private List<Added> inThisTransaction() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (List<Added>) bound;
        }
        List<Added> added = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, added);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                Map<UUID, List<Added>> byTenant = new LinkedHashMap<>();
                added.forEach(row -> byTenant.computeIfAbsent(row.table().tenantOf(row.row()), t -> new ArrayList<>()).add(row));
                byTenant.forEach((tenantId, rows) -> transactions.inTenant(tenantId, () -> insert(rows)));
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(BeforeCommit.this);
                if (status == STATUS_COMMITTED) {
                    byTable(added).forEach(Rows::committed);
                }
            }
        });
        return added;
    }

    /** One statement for the rows of all their tables. */
    private Void insert(List<Added> rows) {
        Map<Rows<?>, List<Object>> byTable = byTable(rows);
        long set = byTable.keySet().stream().mapToLong(table -> 1L << table.index).reduce(0, (a, b) -> a | b);
        FixedStatement statement = statements.computeIfAbsent(set, s -> statementFor(byTable.keySet()));
        FixedStatement.Run run = statement.with();
        byTable.forEach((table, tableRows) -> table.insert.set(run, tableRows));
        run.execute();
        return null;
    }

    /** Each table's insert in a data-modifying WITH query, which PostgreSQL runs whether its result is read or not. */
    private FixedStatement statementFor(Collection<Rows<?>> withRows) {
        return new FixedStatement(dsl, DSL.with(withRows.stream()
                        .<CommonTableExpression<?>>map(table -> DSL.name("t" + table.index).as(table.insert.query().returningResult(DSL.inline(1))))
                        .toList())
                .select(DSL.inline(1)));
    }

    /** The rows of each table, in the tables' order, each table's in the order they were added. */
    private Map<Rows<?>, List<Object>> byTable(List<Added> rows) {
        Map<Rows<?>, List<Object>> byTable = new TreeMap<>(Comparator.comparingInt(table -> table.index));
        rows.forEach(row -> byTable.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row.row()));
        return byTable;
    }
}
