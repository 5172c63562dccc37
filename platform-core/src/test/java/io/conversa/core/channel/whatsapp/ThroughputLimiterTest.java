package io.conversa.core.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * A number's throughput holds across nodes (against a real Redis, {@link TestRedis}). The
 * assertions are lower bounds on time: a slow machine only makes them easier to meet.
 */
class ThroughputLimiterTest {

    private final List<RedissonClient> clients = new ArrayList<>();

    @AfterEach
    void shutdown() {
        clients.forEach(RedissonClient::shutdown);
    }

    @Test
    void threeNodesSendingForOneNumberStayWithinItsThroughputTogether() {
        UUID number = UUID.randomUUID();
        List<ThroughputLimiter> nodes = List.of(node(), node(), node());

        Duration took = timed(() -> CompletableFuture.allOf(nodes.stream()
                .map(node -> CompletableFuture.runAsync(() -> send(node, number, 40, 50))).toArray(CompletableFuture[]::new)).join());

        // 120 sends at 50 a second: the first second's 50, then 70 more need at least 1.4 s.
        assertThat(took).isGreaterThan(Duration.ofMillis(1300));
        // Another number has an allowance of its own.
        assertThat(timed(() -> send(nodes.getFirst(), UUID.randomUUID(), 40, 50))).isLessThan(took);
    }

    @Test
    void oneNodeSpacesItsSendsEvenly() {
        Duration took = timed(() -> send(new LocalThroughputLimiter(), UUID.randomUUID(), 41, 80));

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void withRedisDownEachNodeKeepsToTheThroughputAlone() {
        RedissonClient down = TestRedis.connect(TestRedis.UNREACHABLE, false);
        clients.add(down);
        Duration took = timed(() -> send(new RedisThroughputLimiter(down, new LocalThroughputLimiter()), UUID.randomUUID(), 41, 80));

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    private ThroughputLimiter node() {
        RedissonClient client = TestRedis.connect(TestRedis.URL, true);
        clients.add(client);
        return new RedisThroughputLimiter(client, new LocalThroughputLimiter());
    }

    private static void send(ThroughputLimiter limiter, UUID number, int messages, int perSecond) {
        for (int i = 0; i < messages; i++) {
            limiter.acquire(number, perSecond);
        }
    }

    private static Duration timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
