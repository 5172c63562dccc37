package io.conversa.core.channel.whatsapp;

import java.util.UUID;

/** Keeps the sends to one WhatsApp number within the throughput Meta gave it, waiting for a slot when need be. */
interface ThroughputLimiter {

    void acquire(UUID channelId, int perSecond);
}
