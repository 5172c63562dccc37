package io.conversa.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class LoginTest {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void loginAnswersABearerTokenThatOpensTheApi() {
        var owner = api.signup("Token Co");

        var login = api.post("/api/v1/auth/login", Map.of("email", owner.email(), "password", "correct horse battery"));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().path("expiresIn").asLong()).isEqualTo(3600);
        String token = login.json().path("accessToken").asString();
        assertThat(api.get("/api/v1/me", "Authorization", "Bearer " + token).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerTheSame() {
        var owner = api.signup("Secretive");

        var wrongPassword = api.post("/api/v1/auth/login", Map.of("email", owner.email(), "password", "wrong password!"));
        var unknownEmail = api.post("/api/v1/auth/login", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com",
                "password", "wrong password!"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.json().path("detail")).isEqualTo(unknownEmail.json().path("detail"));
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        var owner = api.signup("Brute forced");
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/api/v1/auth/login", Map.of("email", owner.email(), "password", "guess " + i)).status())
                    .isEqualTo(401);
        }

        var locked = api.post("/api/v1/auth/login", Map.of("email", owner.email(), "password", "correct horse battery"));

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.json().path("detail").asString()).contains("Too many failed logins");
    }

    @Test
    void everyApiEndpointButSignupAndLoginNeedsCredentials() {
        var anonymous = api.get("/api/v1/me");
        var forged = api.get("/api/v1/me", "Authorization", "Bearer not.a.jwt");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
        assertThat(anonymous.json().path("detail").asString()).contains("Authentication required");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().path("detail").asString()).startsWith("The access token was refused");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String foreign = io.jsonwebtoken.Jwts.builder().issuer("conversa").subject(UUID.randomUUID().toString())
                .claim("tid", UUID.randomUUID().toString())
                .expiration(new java.util.Date(System.currentTimeMillis() + 60_000))
                .signWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(new byte[32]))
                .compact();

        assertThat(api.get("/api/v1/me", "Authorization", "Bearer " + foreign).status()).isEqualTo(401);
    }
}
