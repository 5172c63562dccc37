package io.conversa.core.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no database configured, Conversa runs on a real PostgreSQL of its own, so a newcomer
 * needs nothing installed and tests run against the same database as production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:${DATABASE_URL:}}'.isBlank()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** Claimed before the server starts, released after it stopped (beans are destroyed in reverse order). */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${conversa.embedded-database.data-directory:}'.isBlank()")
    EmbeddedDataDirectory embeddedDataDirectory(EmbeddedDatabaseProperties properties) throws IOException {
        Files.createDirectories(properties.dataDirectory());
        return EmbeddedDataDirectory.claim(properties.dataDirectory());
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties, ObjectProvider<EmbeddedDataDirectory> claimed)
            throws IOException {
        // Spring stops it (destroyMethod) after everything that uses it, also on Ctrl+C; its own
        // shutdown hook would race the application's and cut connections still in use.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(properties.port()).setRegisterShutdownHook(false);
        if (claimed.getIfAvailable() != null) {
            // Data that is kept is committed durably: the embedded server's defaults would
            // acknowledge commits before they reach the disk (synchronous_commit off) and never
            // flush them (its postgres -F, which these later settings override), so a power cut
            // could lose stored webhooks or corrupt the database.
            builder.setDataDirectory(properties.dataDirectory()).setCleanDataDirectory(false)
                    .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on");
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL on port {}, data in {}", postgres.getPort(),
                properties.dataDirectory() == null ? "a temporary directory" : properties.dataDirectory());
        return postgres;
    }

    /** Pool settings come from {@code spring.datasource.hikari.*}, as for an external database. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("conversa-embedded");
        return dataSource;
    }
}
