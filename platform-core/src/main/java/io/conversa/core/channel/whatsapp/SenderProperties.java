package io.conversa.core.channel.whatsapp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param inFlight           Cloud API calls in flight at once (over all channels)
 * @param messagesPerSecond  the throughput of a number that does not say its own (the Cloud API's default is 80)
 * @param pairBurst          messages one number may send one customer in a burst (the Cloud API's pair rate limit)
 * @param pairInterval       after a burst, one message to the same customer per interval
 * @param maxAttempts        attempts before a retryable failure becomes permanent
 * @param firstRetry         the first backoff; each later one doubles, with jitter, up to {@code maxRetry}
 * @param maxRetry           the longest backoff
 * @param pollInterval       how often an idle sender looks for due messages (new replies wake it at once)
 */
@ConfigurationProperties("conversa.whatsapp.sender")
record SenderProperties(
        @DefaultValue("32") int inFlight,
        @DefaultValue("80") int messagesPerSecond,
        @DefaultValue("45") int pairBurst,
        @DefaultValue("6s") Duration pairInterval,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("5m") Duration maxRetry,
        @DefaultValue("200ms") Duration pollInterval) {
}
