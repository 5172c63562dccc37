package io.conversa.core.event;

import io.conversa.core.cluster.ClusterTopic;
import java.util.UUID;
import java.util.function.Consumer;
import org.redisson.api.RedissonClient;

/**
 * Several processes: notices go through a Redis topic to the listeners of every process. While
 * Redis is unreachable, this process's listeners still hear its own notices and every reader
 * polls, so events arrive a little later, never not at all.
 */
class RedisEventNotifier implements EventNotifier {

    static final String TOPIC = "conversa:events";

    private final InProcessEventNotifier local = new InProcessEventNotifier();
    private final ClusterTopic topic;

    RedisEventNotifier(RedissonClient redisson) {
        topic = ClusterTopic.redis(redisson, TOPIC);
        topic.listen(tenantId -> local.committed(UUID.fromString(tenantId)));
    }

    @Override
    public void committed(UUID tenantId) {
        if (!topic.publish(tenantId.toString())) {
            local.committed(tenantId);
        }
    }

    @Override
    public Runnable listen(Consumer<UUID> listener) {
        return local.listen(listener);
    }
}
