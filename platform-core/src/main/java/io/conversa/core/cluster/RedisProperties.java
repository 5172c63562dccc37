package io.conversa.core.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis, shared by the nodes of a cluster. Unset {@code url}: a single node keeps everything
 * in memory. Redis only accelerates; PostgreSQL remains the source of truth.
 *
 * @param url     e.g. {@code redis://localhost:6379}
 * @param timeout how long one command may take before Conversa falls back to the node's memory
 */
@ConfigurationProperties("conversa.redis")
public record RedisProperties(String url, @DefaultValue("2s") Duration timeout) {
}
