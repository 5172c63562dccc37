package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conversa.core.support.ApiTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rows written just before the commit, each tenant's in that tenant, on a real PostgreSQL with row-level security. */
@ApiTest
class BeforeCommitTest {

    @Autowired
    Transactions transactions;

    @Autowired
    DSLContext dsl;

    String table;
    final List<Note> committed = new CopyOnWriteArrayList<>();
    BeforeCommit<Note> notes;

    record Note(UUID tenantId, String text) {
    }

    @BeforeEach
    void createTable() {
        table = "before_commit_" + UUID.randomUUID().toString().replace("-", "");
        dsl.execute("create table " + table + " (id bigserial primary key, tenant_id uuid not null, text text not null)");
        dsl.execute("alter table " + table + " enable row level security");
        dsl.execute("create policy tenant_isolation on " + table + " using (tenant_id = current_tenant_id())");
        dsl.execute("grant select, insert on " + table + " to conversa_tenant");
        dsl.execute("grant usage on sequence " + table + "_id_seq to conversa_tenant");
        notes = new BeforeCommit<>(transactions, Note::tenantId, rows -> rows.forEach(row ->
                dsl.execute("insert into " + table + " (tenant_id, text) values (?, ?)", row.tenantId(), row.text())),
                committed::addAll);
    }

    @AfterEach
    void dropTable() {
        dsl.execute("drop table " + table);
    }

    @Test
    void eachTenantsRowsAreWrittenInThatTenantWhenTheSharedTransactionCommits() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        transactions.asSystem(() -> {
            transactions.inTenant(first, () -> add(first, "one"));
            transactions.inTenant(second, () -> add(second, "two"));
            transactions.inTenant(first, () -> add(first, "three"));
            assertThat(dsl.fetchCount(dsl.selectFrom(table))).as("nothing written before the commit").isZero();
            return null;
        });

        assertThat(dsl.fetch("select tenant_id, text from " + table + " order by id").map(r -> r.into(Note.class)))
                .containsExactly(new Note(first, "one"), new Note(first, "three"), new Note(second, "two"));
        assertThat(committed).containsExactly(new Note(first, "one"), new Note(second, "two"), new Note(first, "three"));
    }

    @Test
    void rowsOfATransactionThatRollsBackAreNeitherWrittenNorReported() {
        UUID tenant = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.inTenant(tenant, () -> {
            add(tenant, "lost");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(dsl.fetchCount(dsl.selectFrom(table))).isZero();
        assertThat(committed).isEmpty();
        assertThatThrownBy(() -> notes.add(new Note(tenant, "outside"))).isInstanceOf(IllegalStateException.class);
    }

    private Void add(UUID tenant, String text) {
        notes.add(new Note(tenant, text));
        return null;
    }
}
