package io.conversa.core.event;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several processes: notices go through a Redis topic to the listeners of every process. While
 * Redis is unreachable, this process's listeners still hear its own notices and every reader
 * polls, so events arrive a little later, never not at all.
 */
class RedisEventNotifier implements EventNotifier {

    static final String TOPIC = "conversa:events";
    private static final Logger log = LoggerFactory.getLogger(RedisEventNotifier.class);

    private final RedissonClient redisson;
    private final InProcessEventNotifier local = new InProcessEventNotifier();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();

    RedisEventNotifier(RedissonClient redisson) {
        this.redisson = redisson;
    }

    @Override
    public void committed(UUID tenantId) {
        subscribe();
        try {
            topic().publish(tenantId.toString());
            if (failing.compareAndSet(true, false)) {
                log.info("Redis is reachable again: event notices reach every process at once");
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                log.warn("Redis is unreachable ({}): other processes see new events when they poll", e.getMessage());
            }
            local.committed(tenantId);
        }
    }

    @Override
    public Runnable listen(Consumer<UUID> listener) {
        Runnable stop = local.listen(listener);
        subscribe();
        return stop;
    }

    /** Subscribes once Redis answers; until then, and while it does not, notices stay local. */
    private void subscribe() {
        if (!subscribed.compareAndSet(false, true)) {
            return;
        }
        try {
            topic().addListener(String.class, (channel, tenantId) -> local.committed(UUID.fromString(tenantId)));
        } catch (RuntimeException e) {
            subscribed.set(false);
            log.debug("Not subscribed to event notices yet: {}", e.getMessage());
        }
    }

    private RTopic topic() {
        return redisson.getTopic(TOPIC, StringCodec.INSTANCE);
    }
}
