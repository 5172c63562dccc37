package io.conversa.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** Against a real Redis (CONVERSA_TEST_REDIS_URL, else redis://127.0.0.1:6379); skipped where none runs. */
class RedisLoginThrottleTest {

    private static final String REDIS_URL = System.getenv().getOrDefault("CONVERSA_TEST_REDIS_URL", "redis://127.0.0.1:6379");
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
        redisson = connect(REDIS_URL, true);
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
        redisson = connect(REDIS_URL, true);
        var throttle = new RedisLoginThrottle(redisson, LIMITS, new InMemoryLoginThrottle(LIMITS));
        String email = "ttl-" + UUID.randomUUID() + "@example.com";

        throttle.recordFailure(email, "10.2.0.1");

        long ttl = redisson.getAtomicLong("conversa:login-failures:account:" + email).remainTimeToLive();
        assertThat(ttl).isBetween(Duration.ofMinutes(14).toMillis(), Duration.ofMinutes(15).toMillis());
    }

    @Test
    void withRedisDownTheNodesOwnCountsStillProtectLogins() {
        redisson = connect("redis://127.0.0.1:1", false);
        var throttle = new RedisLoginThrottle(redisson, LIMITS, new InMemoryLoginThrottle(LIMITS));

        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("down@example.com", "10.3.0.1");
        }

        assertThat(throttle.isBlocked("down@example.com", "10.3.0.2")).isTrue();
        assertThat(throttle.isBlocked("other@example.com", "10.3.0.2")).isFalse();
    }

    private static RedissonClient connect(String url, boolean mustBeUp) {
        if (mustBeUp) {
            Assumptions.assumeTrue(reachable(url), "no Redis at " + url);
        }
        Config config = new Config();
        config.useSingleServer().setAddress(url).setTimeout(500).setConnectTimeout(500).setRetryAttempts(0);
        config.setLazyInitialization(true);
        return Redisson.create(config);
    }

    private static boolean reachable(String url) {
        var uri = java.net.URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
