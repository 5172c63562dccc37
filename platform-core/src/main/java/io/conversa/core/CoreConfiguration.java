package io.conversa.core;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** Conversa's defaults; the application's own configuration overrides any of them. */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:io/conversa/core/defaults.properties")
public class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
