package io.conversa.core.channel.whatsapp;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/** Spaces sends to one number evenly, at most {@code perSecond} a second, on this node. */
class LocalThroughputLimiter implements ThroughputLimiter {

    private final Map<UUID, Long> nextSlot = new ConcurrentHashMap<>();

    @Override
    public void acquire(UUID channelId, int perSecond) {
        long intervalNanos = 1_000_000_000L / Math.max(1, perSecond);
        long now = System.nanoTime();
        long slot = nextSlot.merge(channelId, now + intervalNanos, (previous, unused) -> Math.max(previous, now) + intervalNanos)
                - intervalNanos;
        if (slot > now) {
            LockSupport.parkNanos(slot - now);
        }
    }
}
