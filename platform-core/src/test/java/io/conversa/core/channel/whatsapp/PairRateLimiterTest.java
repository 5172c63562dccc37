package io.conversa.core.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PairRateLimiterTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final PairRateLimiter limiter = new PairRateLimiter(3, Duration.ofSeconds(6), now::get);
    final UUID number = UUID.randomUUID();

    @Test
    void aBurstPassesThenOneMessagePerIntervalPerCustomer() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(number, "491")).isZero();
        }
        assertThat(limiter.tryAcquire(number, "491")).isEqualTo(Duration.ofSeconds(6));
        assertThat(limiter.tryAcquire(number, "492")).as("another customer has a bucket of its own").isZero();
        assertThat(limiter.tryAcquire(UUID.randomUUID(), "491")).as("and so has another number").isZero();

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(limiter.tryAcquire(number, "491")).isEqualTo(Duration.ofSeconds(4));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(limiter.tryAcquire(number, "491")).isZero();
        assertThat(limiter.tryAcquire(number, "491")).isEqualTo(Duration.ofSeconds(6));

        now.addAndGet(Duration.ofMinutes(5).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(number, "491")).as("a rested pair has its whole burst again").isZero();
        }
    }
}
