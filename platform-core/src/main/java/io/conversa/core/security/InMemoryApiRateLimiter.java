package io.conversa.core.security;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets in this node's memory (one process, or Redis unreachable). */
class InMemoryApiRateLimiter implements ApiRateLimiter {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Decision tryAcquire(UUID keyId, int perMinute) {
        return buckets.computeIfAbsent(keyId, id -> new Bucket(perMinute)).take(perMinute, System.nanoTime());
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int perMinute) {
            tokens = perMinute;
        }

        synchronized Decision take(int perMinute, long now) {
            double nanosPerToken = (double) MINUTE_NANOS / perMinute;
            tokens = Math.min(perMinute, tokens + (now - refilledAt) / nanosPerToken);
            refilledAt = now;
            if (tokens < 1) {
                return new Decision(false, 0, seconds((1 - tokens) * nanosPerToken));
            }
            tokens -= 1;
            return new Decision(true, (long) tokens, seconds((perMinute - tokens) * nanosPerToken));
        }

        private static long seconds(double nanos) {
            return Math.max(1, (long) Math.ceil(nanos / 1e9));
        }
    }
}
