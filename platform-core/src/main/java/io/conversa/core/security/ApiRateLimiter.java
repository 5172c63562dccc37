package io.conversa.core.security;

import java.util.UUID;

/**
 * Each API key's request allowance per minute, a token bucket: a burst of a minute's worth, then
 * requests at the rate as the bucket refills. An interface so a cluster counts together (Redis),
 * while one node counts in memory.
 */
public interface ApiRateLimiter {

    /** Takes one request from the key's allowance. */
    Decision tryAcquire(UUID keyId, int perMinute);

    /**
     * @param remaining    requests left now
     * @param resetSeconds when refused, the seconds until the next request is allowed; else until the allowance is whole
     */
    record Decision(boolean allowed, long remaining, long resetSeconds) {
    }
}
