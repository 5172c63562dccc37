package io.conversa.core.db;

import java.lang.reflect.Array;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertReturningStep;
import org.jooq.Param;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Inserts any number of rows of one table with one statement of one shape: each column's values
 * go as one array, unnested into the rows in their order ({@code insert ... select from unnest}),
 * so a batch of rows is one execution and one plan, not one per row.
 *
 * @param <T> a row
 */
public final class ArrayInsert<T> {

    /** A column of the rows and the value a row holds in it. */
    public record Column<T>(Field<?> field, Function<T, ?> value) {

        public static <T, V> Column<T> of(Field<V> field, Function<T, V> value) {
            return new Column<>(field, value);
        }
    }

    private final List<Column<T>> columns;
    private final List<Param<Object>> arrays;
    private final InsertReturningStep<?> query;
    /** Only when the insert runs alone. */
    private final FixedStatement statement;

    /** An insert that runs alone. */
    public ArrayInsert(DSLContext dsl, Table<?> table, List<Column<T>> columns) {
        this(dsl, table, columns, table.getName());
    }

    /**
     * An insert that is part of a larger statement ({@code dsl} null), whose parameters' names
     * start with {@code prefix}.
     */
    ArrayInsert(DSLContext dsl, Table<?> table, List<Column<T>> columns, String prefix) {
        this.columns = List.copyOf(columns);
        this.arrays = columns.stream()
                .map(column -> asObject(DSL.param(prefix + "_" + column.field().getName(), column.field().getDataType().array())))
                .toList();
        List<Field<?>> fields = columns.stream().<Field<?>>map(Column::field).toList();
        this.query = DSL.insertInto(table).columns(fields).select(FixedStatement.rows(fields, arrays));
        this.statement = dsl == null ? null : new FixedStatement(dsl, query);
    }

    @SuppressWarnings("unchecked")
    private static Param<Object> asObject(Param<?> param) {
        return (Param<Object>) param;
    }

    /** Inserts the rows, in the transaction around; none: nothing is run. */
    public void insert(List<? extends T> rows) {
        if (!rows.isEmpty()) {
            FixedStatement.Run run = statement.with();
            set(run, rows);
            run.execute();
        }
    }

    InsertReturningStep<?> query() {
        return query;
    }

    /** Sets the arrays of these rows' columns on a run of a statement that holds {@link #query()}. */
    void set(FixedStatement.Run run, List<?> rows) {
        for (int i = 0; i < columns.size(); i++) {
            Column<T> column = columns.get(i);
            Object values = Array.newInstance(column.field().getType(), rows.size());
            for (int r = 0; r < rows.size(); r++) {
                Array.set(values, r, column.value().apply(row(rows.get(r))));
            }
            run.set(arrays.get(i), values);
        }
    }

    @SuppressWarnings("unchecked")
    private T row(Object row) {
        return (T) row;
    }
}
