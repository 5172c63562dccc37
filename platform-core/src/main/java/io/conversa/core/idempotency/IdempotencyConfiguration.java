package io.conversa.core.idempotency;

import io.conversa.core.db.Transactions;
import io.conversa.core.web.ProblemWriter;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    /** Inside the security chains: a key belongs to the caller's tenant. */
    @Bean
    FilterRegistrationBean<IdempotentRequestFilter> idempotentRequestFilter(IdempotencyKeys keys, Transactions transactions,
            ProblemWriter problemWriter, JsonMapper json) {
        FilterRegistrationBean<IdempotentRequestFilter> registration =
                new FilterRegistrationBean<>(new IdempotentRequestFilter(keys, transactions, problemWriter, json));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
