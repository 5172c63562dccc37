package io.conversa.core.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory where its data lives; kept across restarts. Unset: a temporary directory,
 *                      wiped on start (what tests want)
 * @param port          its port; 0 picks a free one
 */
@ConfigurationProperties("conversa.embedded-database")
public record EmbeddedDatabaseProperties(Path dataDirectory, int port) {
}
