package io.conversa.core.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Commits units that arrive together in one transaction: while the allowed number of
 * transactions run, the units that arrive queue up, and the next caller to get a turn writes all
 * of them at once, through the writer (which may write them with one statement).
 * Each caller returns only after its own unit committed, so it may answer "stored"; a lone
 * caller waits for nobody. When a shared transaction fails, each of its units is written again
 * alone, so one bad unit fails only its own caller. Writing must be database work that may run
 * twice (the failed try rolled back); as units share a transaction, either every unit of one
 * group names its tenant ({@link Transactions#inTenant}) or none does.
 *
 * @param <T> a unit
 * @param <R> what writing a unit answers its caller
 */
public final class GroupCommit<T, R> {

    private final Transactions transactions;
    private final int maxUnits;
    private final Function<List<T>, List<R>> writer;
    private final Queue<Unit<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore turns;

    /**
     * @param concurrent how many transactions may run at once
     * @param maxUnits   the most units one transaction writes
     * @param writer     writes units in the transaction it is called in, answering each in order
     */
    public GroupCommit(Transactions transactions, int concurrent, int maxUnits, Function<List<T>, List<R>> writer) {
        this.transactions = transactions;
        this.turns = new Semaphore(concurrent);
        this.maxUnits = maxUnits;
        this.writer = writer;
    }

    /** Writes the unit in a transaction, possibly shared with others' units, and returns its answer once committed. */
    public R run(T item) {
        Unit<T, R> unit = new Unit<>(item);
        queue.add(unit);
        turns.acquireUninterruptibly();
        try {
            // Until this unit is done, or taken by another caller's transaction (then it is awaited below).
            boolean more = true;
            while (more && !unit.result.isDone()) {
                more = commitQueued();
            }
        } finally {
            turns.release();
        }
        try {
            return unit.result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** @return false when none was queued */
    private boolean commitQueued() {
        List<Unit<T, R>> batch = new ArrayList<>();
        for (Unit<T, R> next; batch.size() < maxUnits && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.size() <= 1) {
            batch.forEach(this::writeAlone);
            return !batch.isEmpty();
        }
        List<R> results;
        try {
            results = transactions.asSystem(() -> writer.apply(batch.stream().map(Unit::item).toList()));
        } catch (RuntimeException e) {
            batch.forEach(this::writeAlone);
            return true;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(results.get(i));
        }
        return true;
    }

    private void writeAlone(Unit<T, R> unit) {
        try {
            unit.result.complete(transactions.asSystem(() -> writer.apply(List.of(unit.item))).getFirst());
        } catch (RuntimeException e) {
            unit.result.completeExceptionally(e);
        }
    }

    private record Unit<T, R>(T item, CompletableFuture<R> result) {

        Unit(T item) {
            this(item, new CompletableFuture<>());
        }
    }
}
