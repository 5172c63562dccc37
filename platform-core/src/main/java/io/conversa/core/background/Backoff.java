package io.conversa.core.background;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: doubling from {@code first}, capped at {@code max}, plus up to 25 % so retries spread out. */
public record Backoff(Duration first, Duration max) {

    public Duration after(int attemptsSoFar) {
        long base = first.toMillis() << Math.min(attemptsSoFar, 20);
        long capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 4 + 1));
    }
}
