package io.conversa.core.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed windows held in Caffeine: a counter is created at the first failure and, since only
 * its creation writes the cache entry, expires one window later.
 */
class InMemoryLoginThrottle implements LoginThrottle {

    private final Cache<String, AtomicInteger> accountFailures;
    private final Cache<String, AtomicInteger> ipFailures;
    private final SecurityProperties.Login limits;

    InMemoryLoginThrottle(SecurityProperties.Login limits) {
        this.limits = limits;
        this.accountFailures = Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(1_000_000).build();
        this.ipFailures = Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(1_000_000).build();
    }

    @Override
    public boolean isBlocked(String email, String ip) {
        return count(accountFailures, email) >= limits.maxFailuresPerAccount()
                || count(ipFailures, ip) >= limits.maxFailuresPerIp();
    }

    @Override
    public void recordFailure(String email, String ip) {
        accountFailures.get(email, key -> new AtomicInteger()).incrementAndGet();
        ipFailures.get(ip, key -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void recordSuccess(String email) {
        accountFailures.invalidate(email);
    }

    private static int count(Cache<String, AtomicInteger> failures, String key) {
        AtomicInteger counter = failures.getIfPresent(key);
        return counter == null ? 0 : counter.get();
    }
}
