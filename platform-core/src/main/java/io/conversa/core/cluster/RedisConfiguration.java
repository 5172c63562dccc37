package io.conversa.core.cluster;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code conversa.redis.url} set, the cluster's nodes share state through Redis. The
 * connection is made on first use, so a node starts (and serves) while Redis is down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("conversa.redis.url")
@EnableConfigurationProperties(RedisProperties.class)
class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedissonClient redisson(RedisProperties properties) {
        Config config = new Config();
        config.useSingleServer()
                .setAddress(properties.url())
                .setTimeout((int) properties.timeout().toMillis())
                .setConnectTimeout((int) properties.timeout().toMillis())
                .setRetryAttempts(0);
        config.setLazyInitialization(true);
        return Redisson.create(config);
    }
}
