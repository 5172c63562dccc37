package io.conversa.core.security;

/**
 * Counts failed logins per account and per client IP and says when to stop trying. Behind an
 * interface so a cluster can share the counts (e.g. in Redis) while one node keeps them in memory.
 */
public interface LoginThrottle {

    boolean isBlocked(String email, String ip);

    void recordFailure(String email, String ip);

    /** A successful login clears the account's failures (not the IP's). */
    void recordSuccess(String email);
}
