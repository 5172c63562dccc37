package io.conversa.core.security;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redisson's rate limiter, so every node takes from one allowance per key. When Redis cannot
 * answer, this node's own buckets stand in (logged once), and requests go on.
 */
class RedisApiRateLimiter implements ApiRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisApiRateLimiter.class);
    private static final String PREFIX = "conversa:api-key-rate:";

    private final RedissonClient redisson;
    private final ApiRateLimiter fallback;
    private final AtomicBoolean down = new AtomicBoolean();

    RedisApiRateLimiter(RedissonClient redisson, ApiRateLimiter fallback) {
        this.redisson = redisson;
        this.fallback = fallback;
    }

    @Override
    public Decision tryAcquire(UUID keyId, int perMinute) {
        try {
            RRateLimiter limiter = redisson.getRateLimiter(PREFIX + keyId + ":" + perMinute);
            limiter.trySetRate(RateType.OVERALL, perMinute, Duration.ofMinutes(1), Duration.ofHours(1));
            boolean allowed = limiter.tryAcquire();
            long remaining = limiter.availablePermits();
            if (down.compareAndSet(true, false)) {
                log.info("Redis answers again: API key rate limits are shared by every node");
            }
            long perToken = Math.max(1, 60 / perMinute);
            return new Decision(allowed, remaining, allowed ? Math.max(1, (perMinute - remaining) * 60 / perMinute) : perToken);
        } catch (RuntimeException e) {
            if (down.compareAndSet(false, true)) {
                log.warn("Redis cannot answer ({}): API key rate limits count on each node until it is back", e.getMessage());
            }
            return fallback.tryAcquire(keyId, perMinute);
        }
    }
}
