package io.conversa.core.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** A real Redis for tests: CONVERSA_TEST_REDIS_URL, else redis://127.0.0.1:6379; tests needing one are skipped where none runs. */
public final class TestRedis {

    public static final String URL = System.getenv().getOrDefault("CONVERSA_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    /** Where nothing listens: Redis down. */
    public static final String UNREACHABLE = "redis://127.0.0.1:1";

    private TestRedis() {
    }

    /** A client as Conversa configures one (lazy, no retries); {@code mustBeUp}: skip the test when none runs there. */
    public static RedissonClient connect(String url, boolean mustBeUp) {
        if (mustBeUp) {
            Assumptions.assumeTrue(reachable(url), "no Redis at " + url);
        }
        Config config = new Config();
        config.useSingleServer().setAddress(url).setTimeout(500).setConnectTimeout(500).setRetryAttempts(0);
        config.setLazyInitialization(true);
        return Redisson.create(config);
    }

    private static boolean reachable(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
