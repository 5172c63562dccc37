package io.conversa.core.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwtSecret  HMAC key of Conversa's own access tokens, at least 32 bytes. Unset: a random
 *                   key per process, so tokens do not outlive a restart
 * @param jwtIssuer  the {@code iss} of Conversa's own tokens
 * @param tokenTtl   how long an access token is valid
 * @param oidcIssuer an external OpenID Connect issuer whose tokens are accepted too (SSO); its
 *                   {@code email} claim names the Conversa account
 * @param login      limits on failed logins
 * @param apiKeyRequestsPerMinute the rate limit of an API key created without one of its own
 */
@ConfigurationProperties("conversa.security")
public record SecurityProperties(
        String jwtSecret,
        @DefaultValue("conversa") String jwtIssuer,
        @DefaultValue("1h") Duration tokenTtl,
        URI oidcIssuer,
        @DefaultValue Login login,
        @DefaultValue("600") int apiKeyRequestsPerMinute) {

    /**
     * Failed attempts allowed per window, per account and per client IP, before further
     * attempts are refused until the window ends.
     */
    public record Login(
            @DefaultValue("10") int maxFailuresPerAccount,
            @DefaultValue("50") int maxFailuresPerIp,
            @DefaultValue("15m") Duration window) {
    }
}
