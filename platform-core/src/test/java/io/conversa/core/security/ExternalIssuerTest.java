package io.conversa.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SSO: tokens of an external OpenID Connect issuer are accepted for the account their email
 * claim names. The issuer is a real HTTP server publishing discovery metadata and its keys.
 */
@ApiTest
class ExternalIssuerTest {

    static final KeyPair ISSUER_KEYS = Jwts.SIG.RS256.keyPair().build();
    static final HttpServer ISSUER = startIssuer();
    static final String ISSUER_URL = "http://localhost:" + ISSUER.getAddress().getPort() + "/realms/acme";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void trustTheIssuer(DynamicPropertyRegistry registry) {
        registry.add("conversa.security.oidc-issuer", () -> ISSUER_URL);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop(0);
    }

    @Test
    void aTokenOfTheIssuerActsForTheAccountWithItsEmail() {
        var api = new ApiClient(port);
        var owner = api.signup("SSO Corp");

        var me = api.get("/api/v1/me", "Authorization", "Bearer " + token(owner.email(), ISSUER_KEYS));

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("tenant").path("id").asString()).isEqualTo(owner.tenantId().toString());
        assertThat(me.json().path("role").asString()).isEqualTo("OWNER");
    }

    @Test
    void anEmailWithoutAnAccountIsRefused() {
        var response = new ApiClient(port).get("/api/v1/me",
                "Authorization", "Bearer " + token("stranger-" + UUID.randomUUID() + "@example.com", ISSUER_KEYS));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("detail").asString()).contains("No Conversa member has the token's email");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        var owner = new ApiClient(port).signup("Forged");

        var response = new ApiClient(port).get("/api/v1/me",
                "Authorization", "Bearer " + token(owner.email(), Jwts.SIG.RS256.keyPair().build()));

        assertThat(response.status()).isEqualTo(401);
    }

    private static String token(String email, KeyPair keys) {
        return Jwts.builder().header().keyId("acme-key").and()
                .issuer(ISSUER_URL).subject(UUID.randomUUID().toString()).claim("email", email)
                .issuedAt(new Date()).expiration(new Date(System.currentTimeMillis() + 300_000))
                .signWith(keys.getPrivate(), Jwts.SIG.RS256).compact();
    }

    private static HttpServer startIssuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            String base = "http://localhost:" + server.getAddress().getPort() + "/realms/acme";
            RSAPublicKey publicKey = (RSAPublicKey) ISSUER_KEYS.getPublic();
            serve(server, "/realms/acme/.well-known/openid-configuration", """
                    {"issuer": "%1$s", "jwks_uri": "%1$s/keys", "authorization_endpoint": "%1$s/auth",
                     "token_endpoint": "%1$s/token", "response_types_supported": ["code"],
                     "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}
                    """.formatted(base));
            serve(server, "/realms/acme/keys", """
                    {"keys": [{"kty": "RSA", "kid": "acme-key", "use": "sig", "alg": "RS256", "n": "%s", "e": "%s"}]}
                    """.formatted(base64Url(publicKey.getModulus()), base64Url(publicKey.getPublicExponent())));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void serve(HttpServer server, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
