package io.conversa.core.background;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Keeps a log to its retention: deletes what is older, a batch per transaction so that no delete
 * holds locks for long, every ten minutes and again at once while there was a full batch.
 */
public abstract class RetentionCleaner extends PollingWorkers {

    public static final int BATCH = 5_000;

    private final Duration retention;
    private final Clock clock;

    protected RetentionCleaner(String name, Duration retention, Clock clock) {
        super(name, 1, Duration.ofMinutes(10));
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes up to {@code batch} rows older than {@code before}; returns how many. */
    protected abstract int deleteOlderThan(OffsetDateTime before, int batch);

    @Override
    protected boolean workOnce() {
        return deleteExpired() == BATCH;
    }

    /** One batch of what expired. */
    public int deleteExpired() {
        return deleteOlderThan(OffsetDateTime.now(clock).minus(retention), BATCH);
    }
}
