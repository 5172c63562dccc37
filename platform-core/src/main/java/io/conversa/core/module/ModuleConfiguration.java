package io.conversa.core.module;

import io.conversa.modules.js.JsSandbox;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModuleProperties.class)
class ModuleConfiguration {

    @Bean(destroyMethod = "close")
    JsSandbox jsSandbox(ModuleProperties properties) {
        return new JsSandbox(properties.js().limits());
    }
}
