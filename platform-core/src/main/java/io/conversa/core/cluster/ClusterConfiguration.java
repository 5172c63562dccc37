package io.conversa.core.cluster;

import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    /** Through Redis when the processes share one ({@code conversa.redis.url}), else this process only. */
    @Bean
    CacheInvalidation cacheInvalidation(ObjectProvider<RedissonClient> redisson) {
        RedissonClient client = redisson.getIfAvailable();
        return new CacheInvalidation(client == null ? ClusterTopic.ALONE : ClusterTopic.redis(client, "conversa:cache-invalidation"));
    }
}
