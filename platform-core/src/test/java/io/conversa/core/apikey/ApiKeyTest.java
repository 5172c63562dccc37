package io.conversa.core.apikey;

import static io.conversa.core.db.jooq.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class ApiKeyTest {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    ApiClient api;
    ApiClient.Session owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Keys Ltd");
    }

    @Test
    void aKeyIsShownOnceStoredHashedAndAuthenticatesAsItsTenant() {
        var created = owner.post("/api/v1/api-keys", Map.of("name", "CRM sync", "role", "BUILDER"));

        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asString();
        assertThat(key).startsWith("cnv_").hasSizeGreaterThan(40);
        assertThat(created.json().path("prefix").asString()).isEqualTo(key.substring(0, 12));

        var listed = owner.get("/api/v1/api-keys");
        assertThat(listed.body()).doesNotContain(key);
        assertThat(listed.json().get(0).path("name").asString()).isEqualTo("CRM sync");
        UUID id = UUID.fromString(created.json().path("id").asString());
        byte[] stored = dsl.select(API_KEYS.KEY_HASH).from(API_KEYS).where(API_KEYS.ID.eq(id)).fetchSingle().value1();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(key.substring(4));

        var me = api.get("/api/v1/me", "X-Api-Key", key);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("tenant").path("id").asString()).isEqualTo(owner.tenantId().toString());
        assertThat(me.json().path("role").asString()).isEqualTo("BUILDER");
        assertThat(me.json().path("apiKey").path("id").asString()).isEqualTo(id.toString());
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        var created = owner.post("/api/v1/api-keys", Map.of("name", "temporary", "role", "AGENT"));
        String key = created.json().path("key").asString();

        assertThat(owner.delete("/api/v1/api-keys/" + created.json().path("id").asString()).status()).isEqualTo(204);

        var refused = api.get("/api/v1/me", "X-Api-Key", key);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("detail").asString()).isEqualTo("The API key is invalid or revoked.");
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThat(api.get("/api/v1/me", "X-Api-Key", "cnv_" + "A".repeat(43)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", "X-Api-Key", "garbage").status()).isEqualTo(401);
    }

    @Test
    void aKeyCannotGrantMoreThanItHasNorOwnTheTenant() {
        var adminKey = owner.post("/api/v1/api-keys", Map.of("name", "admin key", "role", "ADMIN"));
        String key = adminKey.json().path("key").asString();

        var memberAdded = api.post("/api/v1/users", Map.of("email", "o-" + UUID.randomUUID() + "@example.com",
                "name", "New owner", "password", "long enough password", "role", "OWNER"), "X-Api-Key", key);
        var ownerKey = owner.post("/api/v1/api-keys", Map.of("name", "owner key", "role", "OWNER"));

        assertThat(memberAdded.status()).isEqualTo(403);
        assertThat(ownerKey.status()).isEqualTo(400);
        assertThat(ownerKey.json().path("errors").get(0).path("field").asString()).isEqualTo("role");
    }

    @Test
    void agentsCannotManageKeys() {
        var agentKey = owner.post("/api/v1/api-keys", Map.of("name", "agent", "role", "AGENT")).json().path("key").asString();

        var response = api.get("/api/v1/api-keys", "X-Api-Key", agentKey);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
