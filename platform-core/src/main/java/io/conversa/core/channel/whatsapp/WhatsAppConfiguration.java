package io.conversa.core.channel.whatsapp;

import io.conversa.core.web.ProblemWriter;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

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

    /** After the correlation id, the request metrics and the request body limit; before the security chains and Spring MVC. */
    @Bean
    FilterRegistrationBean<WebhookDeliveryFilter> webhookDeliveryFilter(ChannelService channels, WebhookService webhooks,
            ProblemWriter problems, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionHandlers) {
        FilterRegistrationBean<WebhookDeliveryFilter> registration = new FilterRegistrationBean<>(
                new WebhookDeliveryFilter(channels, webhooks, problems, exceptionHandlers));
        registration.addUrlPatterns(WebhookDeliveryFilter.PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
