package io.conversa.core.cluster;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis topic shared by the processes. While Redis is unreachable, messages are lost (logged
 * once) and the subscription is retried on each publish, so it recovers by itself.
 */
class RedisClusterTopic implements ClusterTopic {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterTopic.class);

    private final RedissonClient redisson;
    private final String name;
    private volatile Consumer<String> listener = message -> {
    };
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();

    RedisClusterTopic(RedissonClient redisson, String name) {
        this.redisson = redisson;
        this.name = name;
    }

    @Override
    public boolean publish(String message) {
        subscribe();
        try {
            topic().publish(message);
            if (failing.compareAndSet(true, false)) {
                log.info("Redis is reachable again: {} reaches every process", name);
            }
            return true;
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                log.warn("Redis is unreachable ({}): {} reaches no other process until it is back", e.getMessage(), name);
            }
            return false;
        }
    }

    @Override
    public void listen(Consumer<String> listener) {
        this.listener = listener;
        subscribe();
    }

    private void subscribe() {
        if (!subscribed.compareAndSet(false, true)) {
            return;
        }
        try {
            topic().addListener(String.class, (channel, message) -> listener.accept(message));
        } catch (RuntimeException e) {
            subscribed.set(false);
            log.debug("Not subscribed to {} yet: {}", name, e.getMessage());
        }
    }

    private RTopic topic() {
        return redisson.getTopic(name, StringCodec.INSTANCE);
    }
}
