package io.conversa.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.TestRedis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Cached keys dropped on every process through a real Redis, only after the change committed. */
class CacheInvalidationTest {

    private final List<RedissonClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        clients.forEach(RedissonClient::shutdown);
    }

    @Test
    void aKeyAnnouncedOnOneProcessIsDroppedOnEvery() {
        CacheInvalidation processA = process(TestRedis.URL, true);
        CacheInvalidation processB = process(TestRedis.URL, true);
        List<String> droppedOnA = new CopyOnWriteArrayList<>();
        List<String> droppedOnB = new CopyOnWriteArrayList<>();
        processA.listen("secrets", droppedOnA::add);
        processB.listen("secrets", droppedOnB::add);
        processB.listen("flows", key -> droppedOnB.add("flows:" + key));

        await().untilAsserted(() -> {
            processA.afterCommit("secrets", "channel-1");
            assertThat(droppedOnB).contains("channel-1");
        });
        assertThat(droppedOnA).contains("channel-1");
        assertThat(droppedOnB).doesNotContain("flows:channel-1");
    }

    @Test
    void inATransactionTheKeyIsDroppedOnlyOnceItCommits() {
        CacheInvalidation process = process(TestRedis.UNREACHABLE, false);
        List<String> dropped = new CopyOnWriteArrayList<>();
        process.listen("secrets", dropped::add);

        TransactionSynchronizationManager.initSynchronization();
        try {
            process.afterCommit("secrets", "rolled-back");
            process.afterCommit("secrets", "committed");
            List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
            assertThat(dropped).isEmpty();
            synchronizations.get(1).afterCommit();
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }

        assertThat(dropped).containsExactly("committed");
    }

    @Test
    void withRedisDownAProcessStillDropsItsOwnKeys() {
        CacheInvalidation process = process(TestRedis.UNREACHABLE, false);
        List<String> dropped = new CopyOnWriteArrayList<>();
        process.listen("secrets", dropped::add);

        process.afterCommit("secrets", "channel-2");

        assertThat(dropped).containsExactly("channel-2");
    }

    private CacheInvalidation process(String url, boolean mustBeUp) {
        RedissonClient client = TestRedis.connect(url, mustBeUp);
        clients.add(client);
        return new CacheInvalidation(ClusterTopic.redis(client, "conversa:test-invalidation"));
    }
}
