package io.conversa.core.idempotency;

import static io.conversa.core.db.jooq.Tables.IDEMPOTENCY_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.SimulatedTenantTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A retried POST with its Idempotency-Key creates nothing twice, whatever it creates. */
@ApiTest
class IdempotentRequestsTest extends SimulatedTenantTest {

    @Test
    void aRetriedCreateAnswersTheSameAndCreatesOnce() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> contact = Map.of("channelId", channel, "phone", "5511988887777", "name", "Lia");

        var first = post("/api/v1/contacts", contact, key);
        var again = post("/api/v1/contacts", contact, key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.raw().headers().firstValue("Location")).isEqualTo(first.raw().headers().firstValue("Location"));
        assertThat(owner.get("/api/v1/contacts").json().path("items").size()).isEqualTo(1);

        var other = post("/api/v1/contacts", Map.of("channelId", channel, "phone", "5511988886666"), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("detail").asString()).contains("was used within the last 24 hours for another request");
    }

    @Test
    void concurrentRetriesCreateOneThing() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> reply = Map.of("shortcut", "thanks", "body", "Thank you!");

        List<Integer> statuses = List.of(
                        CompletableFuture.supplyAsync(() -> post("/api/v1/quick-replies", reply, key).status()),
                        CompletableFuture.supplyAsync(() -> post("/api/v1/quick-replies", reply, key).status()),
                        CompletableFuture.supplyAsync(() -> post("/api/v1/quick-replies", reply, key).status()))
                .stream().map(CompletableFuture::join).toList();

        // One creates; each other gets its answer, or is told it is still running: never a second quick reply.
        assertThat(statuses).containsOnly(201, 409).contains(201);
        assertThat(owner.get("/api/v1/quick-replies").json().size()).isEqualTo(1);
    }

    @Test
    void aRefusedRequestFreesItsKeyForTheCorrectedOne() {
        String key = UUID.randomUUID().toString();

        assertThat(post("/api/v1/contacts", Map.of("channelId", channel), key).status()).isEqualTo(400);
        var corrected = post("/api/v1/contacts", Map.of("channelId", channel, "phone", "5511977775555"), key);

        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aSecretShownOnceIsNotKeptForTheReplay() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = Map.of("name", "CRM", "role", "ADMIN");

        var created = post("/api/v1/api-keys", request, key);
        var replayed = post("/api/v1/api-keys", request, key);

        assertThat(created.json().path("key").asString()).isNotBlank();
        assertThat(replayed.json().path("id").asString()).isEqualTo(created.json().path("id").asString());
        assertThat(replayed.json().has("key")).isFalse();
        assertThat(dsl.fetchExists(dsl.selectFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.RESPONSE.cast(String.class).contains(created.json().path("key").asString())))).isFalse();
    }

    private ApiClient.Response post(String path, Object body, String key) {
        return owner.client().post(path, body, "Authorization", "Bearer " + owner.token(), IdempotencyKeys.HEADER, key);
    }
}
