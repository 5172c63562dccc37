package io.conversa.core.background;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Platform threads that repeat a unit of work while there is some, then wait for a
 * {@link #wake() wake-up} or the poll interval, whichever comes first. Started and stopped with
 * the application; a failing unit is logged and retried after the interval. An outcome of work
 * done outside the database is stored through {@link #recordOutcome}, which outlasts a PostgreSQL
 * outage; meanwhile the threads take no new work.
 */
public abstract class PollingWorkers implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final int threads;
    private final Duration pollInterval;
    private final Semaphore signal = new Semaphore(0);
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean active;
    private final OutcomeRecorder outcomes;

    protected PollingWorkers(String name, int threads, Duration pollInterval) {
        this.name = name;
        this.threads = threads;
        this.pollInterval = pollInterval;
        this.outcomes = new OutcomeRecorder(name, this::isRunning);
    }

    /** Does one unit of work; returns false when there was none. */
    protected abstract boolean workOnce();

    /**
     * Stores the outcome of something already done outside the database (a call, a delivery): the
     * write (a transaction of its own) is tried again while PostgreSQL cannot be reached.
     */
    protected final <T> T recordOutcome(Supplier<T> write) {
        return outcomes.record(write);
    }

    /** Tells idle threads there is work now. */
    public void wake() {
        signal.release(threads);
    }

    @Override
    public synchronized void start() {
        active = true;
        // Platform threads: they make database round trips back to back, and a platform thread's
        // blocking read is one system call where a virtual thread parks, registers with the poller and
        // waits for a carrier (10-19 % more messages a second, docs/performance.md, session 19).
        for (int i = 0; i < threads; i++) {
            running.add(Thread.ofPlatform().name(name + "-" + i).start(this::loop));
        }
    }

    @Override
    public synchronized void stop() {
        active = false;
        signal.release(running.size());
        for (Thread thread : running) {
            try {
                thread.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    private void loop() {
        while (active) {
            try {
                boolean worked = false;
                while (active && !outcomes.waiting() && workOnce()) {
                    worked = true;
                }
                if (!worked) {
                    signal.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (active) {
                    log.error("{} failed; retrying", name, e);
                    try {
                        Thread.sleep(pollInterval.toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
