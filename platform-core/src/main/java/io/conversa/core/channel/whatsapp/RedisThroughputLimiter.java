package io.conversa.core.channel.whatsapp;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One allowance per number for every node (Redisson's rate limiter): three processes sending for
 * one number together stay within its throughput. When Redis cannot answer, each node keeps to the
 * number's throughput on its own (logged once) and sends go on; Redis counts as back once it has
 * answered with no failure for {@link #SETTLED} (while it reconnects, some calls fail and some not).
 */
class RedisThroughputLimiter implements ThroughputLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisThroughputLimiter.class);
    private static final String PREFIX = "conversa:throughput:";
    private static final Duration SETTLED = Duration.ofSeconds(2);

    private final RedissonClient redisson;
    private final ThroughputLimiter fallback;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong lastFailureNanos = new AtomicLong();

    RedisThroughputLimiter(RedissonClient redisson, ThroughputLimiter fallback) {
        this.redisson = redisson;
        this.fallback = fallback;
    }

    @Override
    public void acquire(UUID channelId, int perSecond) {
        try {
            // A new throughput is a new limiter: the old one expires unused.
            RRateLimiter limiter = redisson.getRateLimiter(PREFIX + channelId + ":" + perSecond);
            limiter.trySetRate(RateType.OVERALL, perSecond, Duration.ofSeconds(1), Duration.ofHours(1));
            limiter.acquire();
            if (down.get() && System.nanoTime() - lastFailureNanos.get() >= SETTLED.toNanos() && down.compareAndSet(true, false)) {
                log.info("Redis answers again: every node shares each number's throughput");
            }
        } catch (RuntimeException e) {
            lastFailureNanos.set(System.nanoTime());
            if (down.compareAndSet(false, true)) {
                log.warn("Redis cannot answer ({}): each node keeps to a number's throughput on its own until it is back", e.getMessage());
            }
            fallback.acquire(channelId, perSecond);
        }
    }
}
