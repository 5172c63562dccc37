package io.conversa.core.security;

import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Issues Conversa's own access tokens (HS256 JWTs, signed with JJWT) and gives the resource
 * server the decoder that checks them.
 */
@Component
public class TokenService {

    static final String TENANT_CLAIM = "tid";
    static final String ROLE_CLAIM = "role";

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);

    private final SecretKey key;
    private final SecurityProperties properties;
    private final Clock clock;

    TokenService(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = new SecretKeySpec(secret(properties.jwtSecret()), "HmacSHA256");
    }

    public AccessToken issue(Caller member) {
        Instant now = clock.instant();
        Instant expiry = now.plus(properties.tokenTtl());
        String token = Jwts.builder()
                .issuer(properties.jwtIssuer())
                .subject(member.userId().toString())
                .claim(TENANT_CLAIM, member.tenantId().toString())
                .claim(ROLE_CLAIM, member.role().name())
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiry))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new AccessToken(token, "Bearer", properties.tokenTtl().toSeconds());
    }

    JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.jwtIssuer()));
        return decoder;
    }

    private static byte[] secret(String configured) {
        if (configured == null || configured.isBlank()) {
            log.warn("conversa.security.jwt-secret is not set: using a random key, access tokens end with this process");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("conversa.security.jwt-secret must be at least 32 bytes long");
        }
        return bytes;
    }
}
