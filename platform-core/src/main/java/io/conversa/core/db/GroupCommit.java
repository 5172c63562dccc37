package io.conversa.core.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Commits units that arrive together in one transaction: a few committer threads each take every
 * unit queued (up to a limit) and write them at once, through the writer (which may write them
 * with one statement), while the units arriving meanwhile queue for the next. Each caller returns
 * only after its own unit committed, so it may answer "stored"; a lone unit is taken at once by an
 * idle committer. When a shared transaction fails, each of its units is written again alone, so
 * one bad unit fails only its own caller. Writing must be database work that may run twice (the
 * failed try rolled back); as units share a transaction, either every unit of one group names its
 * tenant ({@link Transactions#inTenant}) or none does.
 *
 * <p>The committers are platform threads: a transaction is round trips back to back, and a platform
 * thread's blocking read is one system call where a virtual thread (a request's) parks, registers
 * with the poller and waits for a carrier at each one (docs/performance.md, session 19).
 *
 * @param <T> a unit
 * @param <R> what writing a unit answers its caller
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    private final Transactions transactions;
    private final int maxUnits;
    private final Function<List<T>, List<R>> writer;
    private final BlockingQueue<Unit<T, R>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> committers;
    private volatile boolean closed;

    /**
     * @param name       the committer threads' name
     * @param committers how many transactions may run at once
     * @param maxUnits   the most units one transaction writes
     * @param writer     writes units in the transaction it is called in, answering each in order
     */
    public GroupCommit(String name, Transactions transactions, int committers, int maxUnits,
            Function<List<T>, List<R>> writer) {
        this.transactions = transactions;
        this.maxUnits = maxUnits;
        this.writer = writer;
        this.committers = IntStream.range(0, committers)
                .mapToObj(i -> Thread.ofPlatform().daemon().name(name + "-" + i).start(this::commitUntilClosed))
                .toList();
    }

    /** Writes the unit in a transaction, possibly shared with others' units, and returns its answer once committed. */
    public R run(T item) {
        if (closed) {
            throw new IllegalStateException("Shutting down: nothing more is stored.");
        }
        Unit<T, R> unit = new Unit<>(item);
        queue.add(unit);
        if (closed) {
            failQueued();
        }
        try {
            return unit.result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Stops the committers once they finish their transaction; units still queued fail. */
    @Override
    public void close() {
        closed = true;
        committers.forEach(Thread::interrupt);
        for (Thread committer : committers) {
            try {
                committer.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failQueued();
    }

    private void failQueued() {
        for (Unit<T, R> unit; (unit = queue.poll()) != null; ) {
            unit.result.completeExceptionally(new IllegalStateException("Shutting down: the unit was not stored."));
        }
    }

    private void commitUntilClosed() {
        List<Unit<T, R>> batch = new ArrayList<>(maxUnits);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxUnits - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Unit<T, R>> batch) {
        if (batch.size() == 1) {
            writeAlone(batch.getFirst());
            return;
        }
        List<R> results;
        try {
            results = transactions.asSystem(() -> writer.apply(batch.stream().map(Unit::item).toList()));
        } catch (RuntimeException | Error e) {
            batch.forEach(this::writeAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(results.get(i));
        }
    }

    private void writeAlone(Unit<T, R> unit) {
        try {
            unit.result.complete(transactions.asSystem(() -> writer.apply(List.of(unit.item))).getFirst());
        } catch (RuntimeException | Error e) {
            unit.result.completeExceptionally(e);
        }
    }

    private record Unit<T, R>(T item, CompletableFuture<R> result) {

        Unit(T item) {
            this(item, new CompletableFuture<>());
        }
    }
}
