package io.conversa.core.cluster;

import java.util.function.Consumer;
import org.redisson.api.RedissonClient;

/** Messages to every process of the cluster; none leave a process that runs alone. */
public interface ClusterTopic {

    /**
     * Sends to the listeners of every process (this one's too): at most once.
     *
     * @return false when it could not be sent (Redis unreachable): nobody hears it
     */
    boolean publish(String message);

    /** Sets the one listener of this process. */
    void listen(Consumer<String> listener);

    /** A topic of the processes sharing this Redis. */
    static ClusterTopic redis(RedissonClient redisson, String name) {
        return new RedisClusterTopic(redisson, name);
    }

    /** A process on its own: nobody else to tell. */
    ClusterTopic ALONE = new ClusterTopic() {
        @Override
        public boolean publish(String message) {
            return false;
        }

        @Override
        public void listen(Consumer<String> listener) {
        }
    };
}
