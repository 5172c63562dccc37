package io.conversa.core.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Drops a cached key on every process once the change that made it stale has committed. Each
 * process's caches {@link #listen listen} by name; a change {@link #afterCommit announces} the
 * key. Announced after the commit, never before: a process reading meanwhile would cache the
 * old value again. This process drops it at once, the others through the {@link ClusterTopic}
 * when the processes share a Redis; caches keep a time to live for the announcements lost while
 * Redis is unreachable.
 */
public class CacheInvalidation {

    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final ClusterTopic topic;

    public CacheInvalidation(ClusterTopic topic) {
        this.topic = topic;
        topic.listen(message -> {
            int tab = message.indexOf('\t');
            if (tab > 0) {
                drop(message.substring(0, tab), message.substring(tab + 1));
            }
        });
    }

    /** Calls {@code drop} with every key of the cache that a change announces, on this process or another. */
    public void listen(String cache, Consumer<String> drop) {
        listeners.computeIfAbsent(cache, c -> new CopyOnWriteArrayList<>()).add(drop);
    }

    /** Announces the key once the current transaction commits (at once outside one). */
    public void afterCommit(String cache, String key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            announce(cache, key);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                announce(cache, key);
            }
        });
    }

    /** Dropped here at once (the caller may read it next), and on the others through the topic. */
    private void announce(String cache, String key) {
        drop(cache, key);
        topic.publish(cache + "\t" + key);
    }

    private void drop(String cache, String key) {
        listeners.getOrDefault(cache, List.of()).forEach(listener -> listener.accept(key));
    }
}
