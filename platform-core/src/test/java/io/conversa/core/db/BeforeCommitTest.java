package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conversa.core.support.ApiTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rows inserted just before the commit, each tenant's in that tenant, on a real PostgreSQL with row-level security. */
@ApiTest
class BeforeCommitTest {

    static final Field<UUID> TENANT_ID = DSL.field(DSL.name("tenant_id"), SQLDataType.UUID);
    static final Field<String> TEXT = DSL.field(DSL.name("text"), SQLDataType.CLOB);
    static final Field<Integer> SIZE = DSL.field(DSL.name("size"), SQLDataType.INTEGER);

    @Autowired
    Transactions transactions;

    @Autowired
    DSLContext dsl;

    final List<Table<?>> tables = new CopyOnWriteArrayList<>();
    final List<Note> committed = new CopyOnWriteArrayList<>();
    BeforeCommit.Rows<Note> notes;
    BeforeCommit.Rows<Sizes> sizes;

    record Note(UUID tenantId, String text) {
    }

    record Sizes(UUID tenantId, int size) {
    }

    @BeforeEach
    void createTables() {
        BeforeCommit beforeCommit = new BeforeCommit(transactions, dsl);
        notes = beforeCommit.rows(table("text text not null"), Note::tenantId,
                List.of(ArrayInsert.Column.of(TENANT_ID, Note::tenantId), ArrayInsert.Column.of(TEXT, Note::text)),
                committed::addAll);
        sizes = beforeCommit.rows(table("size int not null"), Sizes::tenantId,
                List.of(ArrayInsert.Column.of(TENANT_ID, Sizes::tenantId), ArrayInsert.Column.of(SIZE, Sizes::size)),
                rows -> { });
    }

    /** A tenant's table that also keeps the statement that inserted each row. */
    private Table<?> table(String column) {
        String name = "before_commit_" + UUID.randomUUID().toString().replace("-", "");
        dsl.execute("create table " + name + " (id bigserial primary key, tenant_id uuid not null, " + column
                + ", statement text not null default current_query())");
        dsl.execute("alter table " + name + " enable row level security");
        dsl.execute("create policy tenant_isolation on " + name + " using (tenant_id = current_tenant_id())");
        dsl.execute("grant select, insert on " + name + " to conversa_tenant");
        dsl.execute("grant usage on sequence " + name + "_id_seq to conversa_tenant");
        Table<?> table = DSL.table(DSL.name(name));
        tables.add(table);
        return table;
    }

    @AfterEach
    void dropTables() {
        tables.forEach(table -> dsl.dropTable(table).execute());
    }

    @Test
    void eachTenantsRowsAreInsertedInThatTenantWhenTheSharedTransactionCommits() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        transactions.asSystem(() -> {
            transactions.inTenant(first, () -> add(first, "one"));
            transactions.inTenant(second, () -> add(second, "two"));
            transactions.inTenant(first, () -> add(first, "three"));
            assertThat(dsl.fetchCount(tables.getFirst())).as("nothing inserted before the commit").isZero();
            return null;
        });

        assertThat(dsl.select(TENANT_ID, TEXT).from(tables.getFirst()).orderBy(DSL.field(DSL.name("id"))).fetchInto(Note.class))
                .containsExactly(new Note(first, "one"), new Note(first, "three"), new Note(second, "two"));
        assertThat(committed).containsExactly(new Note(first, "one"), new Note(second, "two"), new Note(first, "three"));
    }

    @Test
    void aTenantsRowsOfDifferentTablesGoInWithOneStatement() {
        UUID tenant = UUID.randomUUID();

        transactions.inTenant(tenant, () -> {
            sizes.add(new Sizes(tenant, 3));
            notes.add(new Note(tenant, "a"));
            sizes.add(new Sizes(tenant, 5));
            return null;
        });

        Field<String> statement = DSL.field(DSL.name("statement"), String.class);
        assertThat(dsl.select(SIZE).from(tables.getLast()).orderBy(DSL.field(DSL.name("id"))).fetch(SIZE)).containsExactly(3, 5);
        List<String> statements = dsl.selectDistinct(statement).from(tables.getFirst())
                .unionAll(DSL.selectDistinct(statement).from(tables.getLast())).fetch(statement);
        assertThat(statements).hasSize(2).allSatisfy(text -> assertThat(text).isEqualTo(statements.getFirst())
                .contains(tables.getFirst().getName(), tables.getLast().getName()));
        assertThat(committed).containsExactly(new Note(tenant, "a"));
    }

    @Test
    void rowsOfATransactionThatRollsBackAreNeitherInsertedNorReported() {
        UUID tenant = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.inTenant(tenant, () -> {
            add(tenant, "lost");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(dsl.fetchCount(tables.getFirst())).isZero();
        assertThat(committed).isEmpty();
        assertThatThrownBy(() -> notes.add(new Note(tenant, "outside"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRowTheTableRefusesFailsTheCommitAndLeavesNothing() {
        UUID tenant = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.inTenant(tenant, () -> {
            sizes.add(new Sizes(tenant, 1));
            notes.add(new Note(tenant, null));
            return null;
        })).rootCause().hasMessageContaining("null value in column \"text\"");

        assertThat(dsl.fetchCount(tables.getFirst()) + dsl.fetchCount(tables.getLast())).isZero();
        assertThat(committed).isEmpty();
    }

    private Void add(UUID tenant, String text) {
        notes.add(new Note(tenant, text));
        return null;
    }
}
