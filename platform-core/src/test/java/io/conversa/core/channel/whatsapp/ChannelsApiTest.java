package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.CHANNELS;
import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiTest
class ChannelsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    ApiClient api;
    ApiClient.Session owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Numbers");
    }

    @Test
    void theConnectionIsCheckedAgainstTheGraphApi() {
        String known = String.valueOf(300_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        String channel = owner.connectSimulatedNumber(known, "check-secret").path("id").asString();
        JsonNode verified = owner.get("/api/v1/channels/" + channel + "/phone-number").json();
        assertThat(verified.path("connected").asBoolean()).isTrue();
        assertThat(verified.path("verifiedName").asString()).isEqualTo("Simulated Business");
        assertThat(verified.path("qualityRating").asString()).isEqualTo("GREEN");
        assertThat(verified.path("throughputLevel").asString()).isEqualTo("STANDARD");

        // An id Meta does not know for this token: Meta's own words say so.
        String unknown = String.valueOf(400_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        String wrong = owner.connectSimulatedChannel(unknown, "check-secret").path("id").asString();
        JsonNode refused = owner.get("/api/v1/channels/" + wrong + "/phone-number").json();
        assertThat(refused.path("connected").asBoolean()).isFalse();
        assertThat(refused.path("errorCode").asInt()).isEqualTo(100);
        assertThat(refused.path("error").asString()).contains("Object with ID '" + unknown + "' does not exist");
    }

    @Test
    void aChannelShowsItsWebhookUrlButNeverItsSecrets() {
        var created = owner.post("/api/v1/channels", channel("1065403522"));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.json().path("webhookUrl").asString()).isEqualTo("http://localhost:" + port + "/webhooks/whatsapp/" + id);
        assertThat(created.json().path("graphApiUrl").asString()).isEqualTo("https://graph.facebook.com");
        assertThat(created.json().path("graphApiVersion").asString()).isEqualTo("v24.0");
        assertThat(created.body()).doesNotContain("EAAG-secret-token", "app-secret-1", "verify-1");
        assertThat(owner.get("/api/v1/channels").body()).doesNotContain("EAAG-secret-token", "app-secret-1", "verify-1");

        var stored = dsl.selectFrom(CHANNELS).where(CHANNELS.ID.eq(UUID.fromString(id))).fetchSingle();
        assertThat(new String(stored.getAccessToken(), StandardCharsets.ISO_8859_1)).doesNotContain("EAAG-secret-token");
        assertThat(new String(stored.getAppSecret(), StandardCharsets.ISO_8859_1)).doesNotContain("app-secret-1");
    }

    @Test
    void aSecretCanBeReplacedAndTheRestStays() {
        String id = owner.post("/api/v1/channels", channel("1065403523")).json().path("id").asString();
        byte[] tokenBefore = dsl.select(CHANNELS.ACCESS_TOKEN).from(CHANNELS).where(CHANNELS.ID.eq(UUID.fromString(id))).fetchSingle().value1();

        var updated = owner.patch("/api/v1/channels/" + id, Map.of("appSecret", "rotated-secret", "name", "Sales"));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("Sales");
        assertThat(dsl.select(CHANNELS.ACCESS_TOKEN).from(CHANNELS).where(CHANNELS.ID.eq(UUID.fromString(id))).fetchSingle().value1())
                .isEqualTo(tokenBefore);
    }

    @Test
    void badInputNamesEveryFieldAndConnectsNothing() {
        var response = owner.post("/api/v1/channels", Map.of("name", "x", "phoneNumberId", "+49 151", "wabaId", "12345678",
                "accessToken", "t", "appSecret", "s", "verifyToken", "v", "graphApiUrl", "ftp://nope", "graphApiVersion", "24",
                "messagesPerSecond", 5000));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactly("graphApiUrl", "graphApiVersion", "messagesPerSecond", "phoneNumberId");
        assertThat(owner.get("/api/v1/channels").json().size()).isZero();
    }

    @Test
    void eachNumberHasTheThroughputMetaGaveIt() {
        String id = owner.post("/api/v1/channels", channel("1065403599")).json().path("id").asString();
        assertThat(owner.get("/api/v1/channels/" + id).json().path("messagesPerSecond").isNull()).isTrue();

        assertThat(owner.patch("/api/v1/channels/" + id, Map.of("messagesPerSecond", 1000)).json().path("messagesPerSecond").asInt())
                .isEqualTo(1000);
        assertThat(owner.patch("/api/v1/channels/" + id, Map.of("messagesPerSecond", 0)).status()).isEqualTo(400);
        assertThat(owner.get("/api/v1/channels/" + id).json().path("messagesPerSecond").asInt()).isEqualTo(1000);
    }

    @Test
    void aNumberCanBeConnectedOnce() {
        owner.post("/api/v1/channels", channel("1065403524"));

        var again = owner.post("/api/v1/channels", channel("1065403524"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asString()).contains("1065403524");
    }

    @Test
    void onlyOwnersAndAdminsManageChannelsAndOtherTenantsSeeNothing() {
        String id = owner.post("/api/v1/channels", channel("1065403525")).json().path("id").asString();
        String builderKey = owner.post("/api/v1/api-keys", Map.of("name", "b", "role", "BUILDER")).json().path("key").asString();
        var stranger = api.signup("Strangers");

        assertThat(api.get("/api/v1/channels", "X-Api-Key", builderKey).status()).isEqualTo(403);
        assertThat(stranger.get("/api/v1/channels/" + id).status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v1/channels/" + id).status()).isEqualTo(404);
        assertThat(owner.delete("/api/v1/channels/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/channels/" + id).status()).isEqualTo(404);
    }

    private static Map<String, String> channel(String phoneNumberId) {
        Map<String, String> channel = new HashMap<>();
        channel.put("name", "Support line");
        channel.put("phoneNumberId", phoneNumberId);
        channel.put("wabaId", "102290129340398");
        channel.put("displayPhoneNumber", "+1 555 078 3881");
        channel.put("accessToken", "EAAG-secret-token");
        channel.put("appSecret", "app-secret-1");
        channel.put("verifyToken", "verify-1");
        return channel;
    }
}
