package io.conversa.core.channel.whatsapp;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The Cloud API's pair rate limit, on this node: a number may send one message every
 * {@code interval} to the same customer, with bursts of up to {@code burst} (a token bucket per
 * number and customer). Instead of waiting, the sender postpones a message the bucket refuses.
 */
class PairRateLimiter {

    private static final int FORGET_ABOVE = 100_000;

    private final long intervalNanos;
    private final long capacityNanos;
    private final LongSupplier nanoTime;
    /** Per pair: the moment its bucket is full again; a message costs one interval. */
    private final Map<Pair, Long> fullAt = new ConcurrentHashMap<>();

    private record Pair(UUID channelId, String waId) {
    }

    PairRateLimiter(int burst, Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.capacityNanos = intervalNanos * Math.max(1, burst);
        this.nanoTime = nanoTime;
    }

    /** Takes a token for this pair; returns zero when taken, else how long until one is free (nothing taken). */
    Duration tryAcquire(UUID channelId, String waId) {
        long now = nanoTime.getAsLong();
        if (fullAt.size() > FORGET_ABOVE) {
            fullAt.values().removeIf(full -> full <= now);
        }
        long[] wait = {0};
        fullAt.compute(new Pair(channelId, waId), (pair, full) -> {
            long start = full == null ? now : Math.max(full, now);
            long next = start + intervalNanos;
            if (next - now > capacityNanos) {
                wait[0] = next - now - capacityNanos;
                return full;
            }
            return next;
        });
        return Duration.ofNanos(wait[0]);
    }
}
