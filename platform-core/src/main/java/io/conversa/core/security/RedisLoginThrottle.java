package io.conversa.core.security;

import java.util.Optional;
import java.util.function.Supplier;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed-login counts shared by every node through Redis, in fixed windows that start at the
 * first failure. When Redis cannot answer, this node's own counts stand in, so logins go on.
 */
class RedisLoginThrottle implements LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(RedisLoginThrottle.class);
    private static final String PREFIX = "conversa:login-failures:";

    private final RedissonClient redisson;
    private final SecurityProperties.Login limits;
    private final LoginThrottle fallback;

    RedisLoginThrottle(RedissonClient redisson, SecurityProperties.Login limits, LoginThrottle fallback) {
        this.redisson = redisson;
        this.limits = limits;
        this.fallback = fallback;
    }

    @Override
    public boolean isBlocked(String email, String ip) {
        return shared(() -> account(email).get() >= limits.maxFailuresPerAccount()
                        || ip(ip).get() >= limits.maxFailuresPerIp())
                .orElseGet(() -> fallback.isBlocked(email, ip));
    }

    @Override
    public void recordFailure(String email, String ip) {
        fallback.recordFailure(email, ip);
        shared(() -> {
            count(account(email));
            count(ip(ip));
            return true;
        });
    }

    @Override
    public void recordSuccess(String email) {
        fallback.recordSuccess(email);
        shared(() -> account(email).delete());
    }

    private void count(RAtomicLong failures) {
        failures.incrementAndGet();
        failures.expireIfNotSet(limits.window());
    }

    private RAtomicLong account(String email) {
        return redisson.getAtomicLong(PREFIX + "account:" + email);
    }

    private RAtomicLong ip(String ip) {
        return redisson.getAtomicLong(PREFIX + "ip:" + ip);
    }

    private <T> Optional<T> shared(Supplier<T> operation) {
        try {
            return Optional.of(operation.get());
        } catch (RedisException e) {
            log.warn("Redis is unavailable, login limits use this node's counts: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
