package io.conversa.web;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.conversa.core.security.AccountAuthenticationProvider;
import io.conversa.web.login.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The web UI's session-based sign-in, checked by the same login service as the API (same
 * limits, same audit). The API's stateless chain, ordered first, takes {@code /api/**}.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    @Bean
    SecurityFilterChain uiSecurity(HttpSecurity http, AccountAuthenticationProvider accounts) throws Exception {
        return http
                .authenticationProvider(accounts)
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }
}
