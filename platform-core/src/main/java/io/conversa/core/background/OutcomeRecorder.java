package io.conversa.core.background;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Stores the outcome of something already done outside the database: a message the Cloud API
 * accepted, a webhook delivered, a module call run. While PostgreSQL cannot be reached the same
 * write is tried again, with backoff, instead of being dropped: a dropped outcome leaves its lease
 * to run out, and then the outside thing is done a second time (the customer gets the reply twice).
 * Gives up only when its worker stops. While an outcome waits, its worker leases nothing
 * ({@link #waiting()}, kept by {@link PollingWorkers}): after a long outage it could lease that very
 * work again.
 */
final class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    private final String worker;
    private final BooleanSupplier running;
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param worker  names the worker in the log
     * @param running false once the worker stops, when waiting outcomes are given up
     */
    OutcomeRecorder(String worker, BooleanSupplier running) {
        this.worker = worker;
        this.running = running;
    }

    /** True when the exception says PostgreSQL could not be reached or went away: nothing was stored, trying again is safe. */
    private static boolean databaseUnreachable(Throwable exception) {
        return exception instanceof CannotCreateTransactionException
                || exception instanceof DataAccessResourceFailureException
                || exception instanceof TransientDataAccessResourceException;
    }

    /** Runs the write (a transaction of its own), again and again while PostgreSQL cannot be reached. */
    <T> T record(Supplier<T> write) {
        RuntimeException failure;
        try {
            return write.get();
        } catch (RuntimeException e) {
            failure = e;
        }
        if (!retriable(failure)) {
            throw failure;
        }
        log.warn("{}: an outcome cannot be stored, the database cannot be reached ({}); trying again until it can",
                worker, failure.getMessage());
        waiting.incrementAndGet();
        try {
            for (int attempt = 0; retriable(failure) && pause(BACKOFF.after(attempt)); attempt++) {
                try {
                    T result = write.get();
                    log.info("{}: the outcome is stored after {} more tries", worker, attempt + 1);
                    return result;
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            throw failure;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** True while an outcome waits for the database. */
    boolean waiting() {
        return waiting.get() > 0;
    }

    private boolean retriable(RuntimeException failure) {
        return databaseUnreachable(failure) && running.getAsBoolean();
    }

    /** False when interrupted (the flag kept set). */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
