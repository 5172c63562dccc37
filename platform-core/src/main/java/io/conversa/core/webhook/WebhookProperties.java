package io.conversa.core.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound webhooks to tenants' systems.
 *
 * @param allowPrivateAddresses  let subscriptions reach private, loopback and link-local addresses (development, tests)
 * @param workers                subscriptions delivered at once (each one in order)
 * @param pollInterval           how often idle workers look for events they were not told of
 * @param timeout                how long a receiver may take to answer
 * @param firstRetry             the first retry's delay; then doubling, with jitter
 * @param maxRetry               the longest delay between retries
 * @param giveUpAfter            an event still failing this long after it happened is dead-lettered
 * @param disableAfterDeadLetters a subscription is disabled after this many dead letters in a row
 * @param lease                  how long a worker holds a subscription; a process that dies holding one delays its
 *                               deliveries this long at most
 */
@ConfigurationProperties("conversa.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("2") int workers,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("10s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetry,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("5") int disableAfterDeadLetters,
        @DefaultValue("2m") Duration lease) {
}
