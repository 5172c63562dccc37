package io.conversa.core.apikey;

import static io.conversa.core.db.jooq.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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

    @Test
    void aKeyNarrowedToScopesCallsOnlyThoseAndIsToldWhichItLacks() {
        var created = owner.post("/api/v1/api-keys", Map.of("name", "Shop", "role", "ADMIN",
                "scopes", List.of("contacts:read", "messages:send")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("scopes").valueStream().map(JsonNode::asString)).containsExactly("contacts:read", "messages:send");
        String key = created.json().path("key").asString();

        assertThat(api.get("/api/v1/contacts", "X-Api-Key", key).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", "X-Api-Key", key).status()).isEqualTo(200);
        var refused = api.post("/api/v1/contacts", Map.of("channelId", UUID.randomUUID(), "phone", "5511900000000"), "X-Api-Key", key);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("requiredScope").asString()).isEqualTo("contacts:write");
        assertThat(refused.json().path("detail").asString()).contains("lacks the scope contacts:write");
        assertThat(api.get("/api/v1/flows", "X-Api-Key", key).json().path("requiredScope").asString()).isEqualTo("flows:read");
        assertThat(api.get("/api/v1/channels/" + UUID.randomUUID() + "/templates", "X-Api-Key", key).json()
                .path("requiredScope").asString()).isEqualTo("templates:read");
        // A key without scopes may do whatever its role allows, as before scopes existed.
        String unscoped = owner.post("/api/v1/api-keys", Map.of("name", "All", "role", "ADMIN")).json().path("key").asString();
        assertThat(api.get("/api/v1/flows", "X-Api-Key", unscoped).status()).isEqualTo(200);

        var unknown = owner.post("/api/v1/api-keys", Map.of("name", "Typo", "role", "ADMIN", "scopes", List.of("contacts:read", "contact:write")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").path(0).path("field").asString()).isEqualTo("scopes[1]");
    }

    @Test
    void aKeyOverItsRateIsRefusedWithWhenToRetryAndEveryAnswerSaysWhatIsLeft() {
        String key = owner.post("/api/v1/api-keys", Map.of("name", "Chatty", "role", "BUILDER", "requestsPerMinute", 3))
                .json().path("key").asString();

        List<ApiClient.Response> answers = IntStream.range(0, 4).mapToObj(i -> api.get("/api/v1/me", "X-Api-Key", key)).toList();

        assertThat(answers.stream().map(ApiClient.Response::status)).containsExactly(200, 200, 200, 429);
        assertThat(answers.get(0).raw().headers().firstValue("RateLimit-Limit")).hasValue("3");
        assertThat(answers.get(0).raw().headers().firstValue("RateLimit-Remaining")).hasValue("2");
        assertThat(answers.get(2).raw().headers().firstValue("RateLimit-Remaining")).hasValue("0");
        ApiClient.Response refused = answers.get(3);
        assertThat(Integer.parseInt(refused.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 20);
        assertThat(refused.json().path("detail").asString()).contains("3 requests a minute");
        // Another key's allowance is its own.
        String other = owner.post("/api/v1/api-keys", Map.of("name", "Quiet", "role", "BUILDER")).json().path("key").asString();
        assertThat(api.get("/api/v1/me", "X-Api-Key", other).raw().headers().firstValue("RateLimit-Limit")).hasValue("600");
    }
}
