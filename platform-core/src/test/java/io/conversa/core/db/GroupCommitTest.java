package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conversa.core.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Units sharing commits on a real PostgreSQL: each caller's own result, and failures kept to their callers. */
@ApiTest
class GroupCommitTest {

    @Autowired
    Transactions transactions;

    @Autowired
    DSLContext dsl;

    String table;

    final List<GroupCommit<?, ?>> groups = new ArrayList<>();

    @BeforeEach
    void createTable() {
        table = "group_commit_" + UUID.randomUUID().toString().replace("-", "");
        dsl.execute("create table " + table + " (id int primary key, txid bigint not null)");
    }

    @AfterEach
    void dropTable() {
        groups.forEach(GroupCommit::close);
        dsl.execute("drop table " + table);
    }

    private <T, R> GroupCommit<T, R> group(int committers, int maxUnits, Function<List<T>, List<R>> writer) {
        GroupCommit<T, R> group = new GroupCommit<>("test-commit", transactions, committers, maxUnits, writer);
        groups.add(group);
        return group;
    }

    /** Units that are themselves the database work: each runs in turn in the shared transaction. */
    private <R> GroupCommit<Supplier<R>, R> ofWork(int concurrent, int maxUnits) {
        return group(concurrent, maxUnits, work -> work.stream().map(Supplier::get).toList());
    }

    @Test
    void concurrentCallersShareCommitsAndEachGetsItsOwnResult() throws Exception {
        GroupCommit<Supplier<Integer>, Integer> group = ofWork(2, 64);
        int callers = 40;

        List<Integer> results = callConcurrently(callers, i -> group.run(() -> insert(i) * 10));

        assertThat(results).isEqualTo(IntStream.range(0, callers).map(i -> i * 10).boxed().toList());
        assertThat(dsl.fetchCount(dsl.selectFrom(table))).isEqualTo(callers);
        assertThat(dsl.fetchSingle("select count(distinct txid) from " + table).get(0, Long.class))
                .as("transactions for %d callers", callers).isLessThan(callers);
    }

    @Test
    void aWriterWritesTheUnitsThatArrivedTogetherAtOnceAndAnswersEachInOrder() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        GroupCommit<Integer, String> group = group(1, 64, ids -> {
            sizes.add(ids.size());
            ids.forEach(this::insert);
            return ids.stream().map(id -> "row " + id).toList();
        });
        int callers = 30;

        List<String> results = callConcurrently(callers, i -> group.run(i));

        assertThat(results).isEqualTo(IntStream.range(0, callers).mapToObj(i -> "row " + i).toList());
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(callers);
        assertThat(sizes).as("units per write").anyMatch(size -> size > 1);
    }

    @Test
    void aFailingUnitFailsOnlyItsCaller() throws Exception {
        GroupCommit<Supplier<Integer>, Integer> group = ofWork(1, 64);
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
        GroupCommit<Supplier<Integer>, Integer> group = ofWork(1, 64);

        assertThat(group.run(() -> insert(1))).isEqualTo(1);
        assertThatThrownBy(() -> group.run(() -> insert(1))).hasMessageContaining("duplicate key");
        assertThat(dsl.fetchCount(dsl.selectFrom(table))).isEqualTo(1);
    }

    @Test
    void aClosedGroupRefusesUnitsAndItsCommittersEnd() {
        GroupCommit<Supplier<Integer>, Integer> group = ofWork(2, 64);
        assertThat(group.run(() -> insert(1))).isEqualTo(1);

        group.close();

        assertThatThrownBy(() -> group.run(() -> insert(2))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Shutting down");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-commit-"));
        assertThat(dsl.fetchCount(dsl.selectFrom(table))).isEqualTo(1);
    }

    private int insert(int id) {
        // A short sleep makes callers arrive while a transaction runs, as under load.
        dsl.execute("insert into " + table + " (id, txid) select ?, txid_current() from pg_sleep(0.005)", id);
        return id;
    }

    private interface Call<R> {
        R apply(int index) throws Exception;
    }

    private static <R> List<R> callConcurrently(int callers, Call<R> call) throws Exception {
        List<Future<R>> futures = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                int index = i;
                futures.add(threads.submit(() -> call.apply(index)));
            }
        }
        List<R> results = new ArrayList<>();
        for (Future<R> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
