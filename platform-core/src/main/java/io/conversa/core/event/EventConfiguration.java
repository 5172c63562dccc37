package io.conversa.core.event;

import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventConfiguration {

    /** Through Redis when the processes share one ({@code conversa.redis.url}), else in process. */
    @Bean
    EventNotifier eventNotifier(ObjectProvider<RedissonClient> redisson) {
        RedissonClient client = redisson.getIfAvailable();
        return client == null ? new InProcessEventNotifier() : new RedisEventNotifier(client);
    }
}
