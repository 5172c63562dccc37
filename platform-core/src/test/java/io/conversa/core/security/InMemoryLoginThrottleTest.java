package io.conversa.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryLoginThrottleTest {

    private final InMemoryLoginThrottle throttle =
            new InMemoryLoginThrottle(new SecurityProperties.Login(3, 5, Duration.ofMinutes(15)));

    @Test
    void blocksAnAccountAfterItsFailures() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.isBlocked("a@example.com", "10.0.0." + i)).isFalse();
            throttle.recordFailure("a@example.com", "10.0.0." + i);
        }
        assertThat(throttle.isBlocked("a@example.com", "10.0.0.99")).isTrue();
        assertThat(throttle.isBlocked("b@example.com", "10.0.0.99")).isFalse();
    }

    @Test
    void blocksAnIpThatTriesManyAccounts() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i + "@example.com", "10.0.0.1");
        }
        assertThat(throttle.isBlocked("fresh@example.com", "10.0.0.1")).isTrue();
        assertThat(throttle.isBlocked("fresh@example.com", "10.0.0.2")).isFalse();
    }

    @Test
    void successClearsTheAccountsFailures() {
        throttle.recordFailure("a@example.com", "10.0.0.1");
        throttle.recordFailure("a@example.com", "10.0.0.1");
        throttle.recordSuccess("a@example.com");
        throttle.recordFailure("a@example.com", "10.0.0.1");
        throttle.recordFailure("a@example.com", "10.0.0.1");

        assertThat(throttle.isBlocked("a@example.com", "10.0.0.3")).isFalse();
    }
}
