package io.conversa.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.TestRedis;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Against a real Redis ({@link TestRedis}); skipped where none runs. */
class RedisApiRateLimiterTest {

    private RedissonClient redisson;

    @AfterEach
    void shutdown() {
        if (redisson != null) {
            redisson.shutdown();
        }
    }

    @Test
    void twoNodesTakeFromOneAllowance() {
        redisson = TestRedis.connect(TestRedis.URL, true);
        var nodeA = new RedisApiRateLimiter(redisson, new InMemoryApiRateLimiter());
        var nodeB = new RedisApiRateLimiter(redisson, new InMemoryApiRateLimiter());
        UUID key = UUID.randomUUID();

        assertThat(nodeA.tryAcquire(key, 3).allowed()).isTrue();
        assertThat(nodeB.tryAcquire(key, 3).allowed()).isTrue();
        ApiRateLimiter.Decision third = nodeA.tryAcquire(key, 3);
        assertThat(third.allowed()).isTrue();
        assertThat(third.remaining()).isZero();
        ApiRateLimiter.Decision fourth = nodeB.tryAcquire(key, 3);
        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.resetSeconds()).isPositive();
        assertThat(nodeB.tryAcquire(UUID.randomUUID(), 3).allowed()).isTrue();
    }

    @Test
    void withRedisDownEachNodeCountsByItself() {
        redisson = TestRedis.connect(TestRedis.UNREACHABLE, false);
        var limiter = new RedisApiRateLimiter(redisson, new InMemoryApiRateLimiter());
        UUID key = UUID.randomUUID();

        assertThat(limiter.tryAcquire(key, 2).allowed()).isTrue();
        assertThat(limiter.tryAcquire(key, 2).allowed()).isTrue();
        assertThat(limiter.tryAcquire(key, 2).allowed()).isFalse();
    }
}
