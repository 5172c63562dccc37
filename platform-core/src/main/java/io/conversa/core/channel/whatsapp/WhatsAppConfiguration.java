package io.conversa.core.channel.whatsapp;

import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SenderProperties.class, MediaProperties.class})
class WhatsAppConfiguration {

    /** With Redis, every node shares each number's throughput; without, one node keeps to it alone. */
    @Bean
    ThroughputLimiter throughputLimiter(ObjectProvider<RedissonClient> redisson) {
        LocalThroughputLimiter local = new LocalThroughputLimiter();
        RedissonClient shared = redisson.getIfAvailable();
        return shared == null ? local : new RedisThroughputLimiter(shared, local);
    }
}
