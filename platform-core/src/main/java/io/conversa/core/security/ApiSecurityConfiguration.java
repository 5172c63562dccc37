package io.conversa.core.security;

import io.conversa.core.apikey.ApiKeyService;
import io.conversa.core.web.ProblemWriter;
import java.util.HashMap;
import java.util.Map;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.function.SingletonSupplier;

/**
 * The API is stateless: every request carries a bearer token (Conversa's own, or the
 * configured SSO issuer's) or an API key. The web UI has its own, session-based chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class ApiSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtIssuerAuthenticationManagerResolver tokenAuthentication,
            ApiKeyService apiKeys, ProblemAuthenticationEntryPoint entryPoint, ProblemWriter problemWriter,
            ApiRateLimiter rateLimiter, SecurityProperties properties) throws Exception {
        return http
                .securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/signup", "/api/v1/auth/login").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .anyRequest().authenticated())
                // Tokens and keys travel in headers, never in cookies: there is nothing to forge.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(bearerTokens())
                        .authenticationManagerResolver(tokenAuthentication)
                        .authenticationEntryPoint(entryPoint))
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, entryPoint, problemWriter, rateLimiter,
                        properties.apiKeyRequestsPerMinute()), BearerTokenAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> problemWriter.write(request, response,
                                ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role does not allow this."))))
                .build();
    }

    /**
     * Tokens come in the Authorization header; the event stream ({@code /api/v1/events}) also takes
     * {@code ?access_token=}, since browsers cannot set headers on a WebSocket.
     */
    private static BearerTokenResolver bearerTokens() {
        DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return request -> "/api/v1/events".equals(request.getRequestURI()) ? headerOrQuery.resolve(request)
                : headerOnly.resolve(request);
    }

    /**
     * Endpoints that carry no Conversa credentials: Meta's webhooks (authenticated by their
     * signature, which the controller checks), the Cloud API simulator (present only when
     * enabled, for development and tests) and Spring Boot's error page. Bearer tokens here are not Conversa's to check.
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicEndpoints(HttpSecurity http) throws Exception {
        return http
                // "/error": a status set with sendError is shown as it is, never turned into a 403.
                .securityMatcher("/webhooks/**", "/simulator/**", "/error")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    JwtIssuerAuthenticationManagerResolver tokenAuthentication(TokenService tokenService, JwtCallers callers,
            SecurityProperties properties) {
        Map<String, AuthenticationManager> managersByIssuer = new HashMap<>();
        JwtAuthenticationProvider own = new JwtAuthenticationProvider(tokenService.decoder());
        own.setJwtAuthenticationConverter(callers::fromConversaToken);
        managersByIssuer.put(properties.jwtIssuer(), own::authenticate);
        if (properties.oidcIssuer() != null) {
            String issuer = properties.oidcIssuer().toString();
            // Discovered on first use, so Conversa starts even while the identity provider is down.
            SingletonSupplier<JwtDecoder> decoder = SingletonSupplier.of(() -> JwtDecoders.fromIssuerLocation(issuer));
            JwtAuthenticationProvider external = new JwtAuthenticationProvider(token -> decoder.obtain().decode(token));
            external.setJwtAuthenticationConverter(callers::fromExternalToken);
            managersByIssuer.put(issuer, external::authenticate);
        }
        return new JwtIssuerAuthenticationManagerResolver(managersByIssuer::get);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id for new hashes; the prefix in each stored hash lets the algorithm move on later.
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    @Bean
    ApiRateLimiter apiRateLimiter(ObjectProvider<RedissonClient> redisson) {
        InMemoryApiRateLimiter local = new InMemoryApiRateLimiter();
        RedissonClient shared = redisson.getIfAvailable();
        return shared == null ? local : new RedisApiRateLimiter(shared, local);
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties, ObjectProvider<RedissonClient> redisson) {
        InMemoryLoginThrottle local = new InMemoryLoginThrottle(properties.login());
        RedissonClient shared = redisson.getIfAvailable();
        return shared == null ? local : new RedisLoginThrottle(shared, properties.login(), local);
    }
}
