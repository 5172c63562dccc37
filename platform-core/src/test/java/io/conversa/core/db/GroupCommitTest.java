package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conversa.core.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Units of work sharing commits on a real PostgreSQL: each caller's own result, and failures kept to their callers. */
@ApiTest
class GroupCommitTest {

    @Autowired
    Transactions transactions;

    @Autowired
    DSLContext dsl;

    String table;

    @BeforeEach
    void createTable() {
        table = "group_commit_" + UUID.randomUUID().toString().replace("-", "");
        dsl.execute("create table " + table + " (id int primary key, txid bigint not null)");
    }

    @AfterEach
    void dropTable() {
        dsl.execute("drop table " + table);
    }

    @Test
    void concurrentCallersShareCommitsAndEachGetsItsOwnResult() throws Exception {
        GroupCommit group = new GroupCommit(transactions, 2, 64);
        int callers = 40;

        List<Integer> results = callConcurrently(callers, i -> group.run(() -> insert(i) * 10));

        assertThat(results).isEqualTo(IntStream.range(0, callers).map(i -> i * 10).boxed().toList());
        assertThat(dsl.fetchCount(dsl.selectFrom(table))).isEqualTo(callers);
        assertThat(dsl.fetchSingle("select count(distinct txid) from " + table).get(0, Long.class))
                .as("transactions for %d callers", callers).isLessThan(callers);
    }

    @Test
    void aFailingUnitFailsOnlyItsCaller() throws Exception {
        GroupCommit group = new GroupCommit(transactions, 1, 64);
        int callers = 30;

        List<Integer> results = callConcurrently(callers, i -> {
            try {
                return group.run(() -> {
                    insert(i);
                    if (i == 7) {
                        throw new IllegalStateException("unit 7 refuses");
                    }
                    return i;
                });
            } catch (IllegalStateException e) {
                return -1;
            }
        });

        assertThat(results.get(7)).isEqualTo(-1);
        assertThat(results.stream().filter(r -> r >= 0)).hasSize(callers - 1);
        assertThat(dsl.fetch("select id from " + table).getValues(0, Integer.class))
                .hasSize(callers - 1).doesNotContain(7);
    }

    @Test
    void aLoneCallerRunsAtOnceAndSeesItsFailure() {
        GroupCommit group = new GroupCommit(transactions, 1, 64);

        assertThat(group.run(() -> insert(1))).isEqualTo(1);
        assertThatThrownBy(() -> group.run(() -> insert(1))).hasMessageContaining("duplicate key");
        assertThat(dsl.fetchCount(dsl.selectFrom(table))).isEqualTo(1);
    }

    private int insert(int id) {
        // A short sleep makes callers arrive while a transaction runs, as under load.
        dsl.execute("insert into " + table + " (id, txid) select ?, txid_current() from pg_sleep(0.005)", id);
        return id;
    }

    private interface Call {
        int apply(int index) throws Exception;
    }

    private static List<Integer> callConcurrently(int callers, Call call) throws Exception {
        List<Future<Integer>> futures = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                int index = i;
                futures.add(threads.submit(() -> call.apply(index)));
            }
        }
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
