package io.conversa.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.TestRedis;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** Notices between processes through a real Redis, and what happens while Redis is down. */
class RedisEventNotifierTest {

    private final List<RedissonClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        clients.forEach(RedissonClient::shutdown);
    }

    @Test
    void aNoticeOnOneProcessReachesTheListenersOfAnother() {
        RedisEventNotifier processA = new RedisEventNotifier(client(TestRedis.URL, true));
        RedisEventNotifier processB = new RedisEventNotifier(client(TestRedis.URL, true));
        List<UUID> heardOnB = new CopyOnWriteArrayList<>();
        processB.listen(heardOnB::add);
        UUID tenant = UUID.randomUUID();

        await().untilAsserted(() -> {
            processA.committed(tenant);
            assertThat(heardOnB).contains(tenant);
        });
    }

    @Test
    void withRedisDownAProcessStillHearsItsOwnNotices() {
        RedisEventNotifier process = new RedisEventNotifier(client(TestRedis.UNREACHABLE, false));
        List<UUID> heard = new CopyOnWriteArrayList<>();
        process.listen(heard::add);
        UUID tenant = UUID.randomUUID();

        process.committed(tenant);

        assertThat(heard).containsExactly(tenant);
    }

    private RedissonClient client(String url, boolean mustBeUp) {
        RedissonClient client = TestRedis.connect(url, mustBeUp);
        clients.add(client);
        return client;
    }
}
