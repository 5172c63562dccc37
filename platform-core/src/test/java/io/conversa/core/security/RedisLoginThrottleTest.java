package io.conversa.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.TestRedis;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Against a real Redis ({@link TestRedis}); skipped where none runs. */
class RedisLoginThrottleTest {

    private static final SecurityProperties.Login LIMITS = new SecurityProperties.Login(3, 100, Duration.ofMinutes(15));

    private RedissonClient redisson;

    @AfterEach
    void shutdown() {
        if (redisson != null) {
            redisson.shutdown();
        }
    }

    @Test
    void failuresOnOneNodeBlockTheAccountOnAnother() {
        redisson = TestRedis.connect(TestRedis.URL, true);
        var nodeA = new RedisLoginThrottle(redisson, LIMITS, new InMemoryLoginThrottle(LIMITS));
        var nodeB = new RedisLoginThrottle(redisson, LIMITS, new InMemoryLoginThrottle(LIMITS));
        String email = "shared-" + UUID.randomUUID() + "@example.com";

        for (int i = 0; i < 3; i++) {
            nodeA.recordFailure(email, "10.1.0." + i);
        }

        assertThat(nodeB.isBlocked(email, "10.9.9.9")).isTrue();
        nodeB.recordSuccess(email);
        assertThat(nodeA.isBlocked(email, "10.9.9.9")).isFalse();
    }

    @Test
    void countsExpireWithTheWindow() {
        redisson = TestRedis.connect(TestRedis.URL, true);
        var throttle = new RedisLoginThrottle(redisson, LIMITS, new InMemoryLoginThrottle(LIMITS));
        String email = "ttl-" + UUID.randomUUID() + "@example.com";

        throttle.recordFailure(email, "10.2.0.1");

        long ttl = redisson.getAtomicLong("conversa:login-failures:account:" + email).remainTimeToLive();
        assertThat(ttl).isBetween(Duration.ofMinutes(14).toMillis(), Duration.ofMinutes(15).toMillis());
    }

    @Test
    void withRedisDownTheNodesOwnCountsStillProtectLogins() {
        redisson = TestRedis.connect(TestRedis.UNREACHABLE, false);
        var throttle = new RedisLoginThrottle(redisson, LIMITS, new InMemoryLoginThrottle(LIMITS));

        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("down@example.com", "10.3.0.1");
        }

        assertThat(throttle.isBlocked("down@example.com", "10.3.0.2")).isTrue();
        assertThat(throttle.isBlocked("other@example.com", "10.3.0.2")).isFalse();
    }
}
