package io.conversa.core.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Commits units of work that arrive together in one transaction: while the allowed number of
 * transactions run, the units that arrive queue up, and the next caller to get a turn runs all
 * of them at once.
 * Each caller returns only after its own unit committed, so it may answer "stored"; a lone
 * caller waits for nobody. When a shared transaction fails, each of its units runs again alone,
 * so one bad unit fails only its own caller. Units must be database work that may run twice
 * (the failed try rolled back); as they share a transaction, either every unit of one group
 * names its tenant ({@link Transactions#inTenant}) or none does.
 */
public final class GroupCommit {

    private final Transactions transactions;
    private final int maxUnits;
    private final Queue<Unit<?>> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore turns;

    /**
     * @param concurrent   how many transactions may run at once
     * @param maxUnits     the most units one transaction runs
     */
    public GroupCommit(Transactions transactions, int concurrent, int maxUnits) {
        this.transactions = transactions;
        this.turns = new Semaphore(concurrent);
        this.maxUnits = maxUnits;
    }

    /** Runs the work in a transaction, possibly shared with others' work, and returns its result once committed. */
    public <T> T run(Supplier<T> work) {
        Unit<T> unit = new Unit<>(work);
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
        List<Unit<?>> batch = new ArrayList<>();
        for (Unit<?> next; batch.size() < maxUnits && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.size() <= 1) {
            batch.forEach(unit -> unit.runAlone(transactions));
            return !batch.isEmpty();
        }
        List<Object> results = new ArrayList<>(batch.size());
        try {
            transactions.asSystem(() -> {
                batch.forEach(unit -> results.add(unit.work.get()));
                return null;
            });
        } catch (RuntimeException e) {
            batch.forEach(unit -> unit.runAlone(transactions));
            return true;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results.get(i));
        }
        return true;
    }

    private static final class Unit<T> {

        final Supplier<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Unit(Supplier<T> work) {
            this.work = work;
        }

        void runAlone(Transactions transactions) {
            try {
                result.complete(transactions.asSystem(work));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        @SuppressWarnings("unchecked")
        void complete(Object value) {
            result.complete((T) value);
        }
    }
}
