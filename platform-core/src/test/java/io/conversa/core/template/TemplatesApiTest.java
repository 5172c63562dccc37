package io.conversa.core.template;

import static io.conversa.core.db.jooq.Tables.MESSAGE_TEMPLATES;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.SimulatedTenantTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Templates come from the business account (the simulator's Graph API), are reviewed by webhook, and gate what may be sent. */
@ApiTest
class TemplatesApiTest extends SimulatedTenantTest {

    String wabaId;

    @BeforeEach
    void knowTheBusinessAccount() {
        wabaId = connected.path("wabaId").asString();
    }

    @Test
    void theAccountsTemplatesAreListedWithTheirParameters() {
        var listed = owner.get(templates());

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode orderUpdate = find(listed.json(), "order_update", "pt_BR");
        assertThat(orderUpdate.path("status").asString()).isEqualTo("APPROVED");
        assertThat(orderUpdate.path("category").asString()).isEqualTo("UTILITY");
        assertThat(orderUpdate.path("bodyParameters").valueStream().map(JsonNode::asString)).containsExactly("1");
        assertThat(find(listed.json(), "hello_world", "en_US").path("components").size()).isEqualTo(3);
        // Every member reads them (agents pick one when the window is closed); only builders and admins change them.
        ApiClient.Session agent = owner.addMember("AGENT");
        assertThat(agent.get(templates()).status()).isEqualTo(200);
        assertThat(agent.post(templates(), newTemplate("agents_cannot")).status()).isEqualTo(403);
    }

    @Test
    void aSubmittedTemplateIsApprovedByWebhookAndARejectionStopsItsSends() {
        String name = "promo_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        var created = owner.client().post(templates(), newTemplate(name), "Authorization", "Bearer " + owner.token(),
                "Idempotency-Key", "tpl-" + name);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("status").asString()).isEqualTo("PENDING");
        var again = owner.client().post(templates(), newTemplate(name), "Authorization", "Bearer " + owner.token(),
                "Idempotency-Key", "tpl-" + name);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        await().untilAsserted(() -> assertThat(find(owner.get(templates()).json(), name, "pt_BR").path("status").asString())
                .isEqualTo("APPROVED"));
        customerWrites("5511911112222");
        assertThat(owner.post("/api/v1/messages", template(name, List.of("Ana"))).status()).isEqualTo(202);

        String waTemplateId = created.json().path("waTemplateId").asString();
        var review = api.post("/simulator/wabas/" + wabaId + "/templates/" + waTemplateId + "/review",
                Map.of("event", "REJECTED", "reason", "INCORRECT_CATEGORY"));
        assertThat(review.status()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(find(owner.get(templates()).json(), name, "pt_BR").path("rejectedReason").asString())
                .isEqualTo("INCORRECT_CATEGORY"));
        int queued = outboxCount();
        var refused = owner.post("/api/v1/messages", template(name, List.of("Ana")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("detail").asString()).contains("is REJECTED (INCORRECT_CATEGORY)");
        assertThat(outboxCount()).isEqualTo(queued);
        assertThat(owner.get("/api/v1/events?limit=500").json().path("events").valueStream()
                .filter(e -> e.path("type").asString().equals("template.status")).map(e -> e.path("data").path("status").asString()))
                .containsSubsequence("APPROVED", "REJECTED");

        assertThat(owner.delete(templates() + "/" + name).status()).isEqualTo(204);
        assertThat(owner.get(templates()).json().valueStream().map(t -> t.path("name").asString())).doesNotContain(name);
    }

    @Test
    void aTemplateMessageIsCheckedAgainstTheAccountBeforeAnythingIsQueued() {
        int queued = outboxCount();

        var unknown = owner.post("/api/v1/messages", template("no_such_template", List.of()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("detail").asString()).contains("no template no_such_template in pt_BR")
                .contains("order_update (pt_BR)");
        var missingParameter = owner.post("/api/v1/messages", template("order_update", List.of()));
        assertThat(missingParameter.status()).isEqualTo(400);
        assertThat(missingParameter.json().path("detail").asString()).contains("1 parameter ({{1}}), not 0");
        assertThat(outboxCount()).isEqualTo(queued);

        assertThat(owner.post("/api/v1/messages", template("order_update", List.of("A-42"))).status()).isEqualTo(202);
    }

    @Test
    void badRequestsSayWhatIsWrongAndStoreNothing() {
        ApiClient.Session stranger = api.signup("Stranger " + UUID.randomUUID());
        int stored = dsl.fetchCount(MESSAGE_TEMPLATES, MESSAGE_TEMPLATES.TENANT_ID.eq(owner.tenantId()));

        assertThat(owner.post(templates(), newTemplate("Not Valid")).json().path("detail").asString())
                .contains("name must be lowercase letters");
        assertThat(owner.post(templates(), Map.of("name", "no_body", "language", "pt_BR", "category", "UTILITY",
                "components", List.of(Map.of("type", "FOOTER", "text", "bye")))).json().path("detail").asString())
                .contains("BODY");
        // Meta refuses a second template of a name and language; once synced, Conversa knows without asking.
        var duplicate = owner.post(templates(), newTemplate("order_update"));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.json().path("detail").asString()).contains("Meta's Graph API refused it").contains("already exists");
        owner.get(templates());
        stored = dsl.fetchCount(MESSAGE_TEMPLATES, MESSAGE_TEMPLATES.TENANT_ID.eq(owner.tenantId()));
        assertThat(owner.post(templates(), newTemplate("order_update")).status()).isEqualTo(409);
        assertThat(stranger.get(templates()).status()).isEqualTo(404);
        assertThat(stranger.post(templates(), newTemplate("theirs")).status()).isEqualTo(404);

        // A number whose Graph API cannot be reached: a clear 502, nothing stored.
        String unreachable = owner.post("/api/v1/channels", Map.of("name", "Offline", "phoneNumberId", String.valueOf(Long.parseLong(number) + 7),
                "wabaId", "99999", "accessToken", "EAAG-x", "appSecret", "s", "verifyToken", "v",
                "graphApiUrl", "http://127.0.0.1:9")).json().path("id").asString();
        var offline = owner.get("/api/v1/channels/" + unreachable + "/templates");
        assertThat(offline.status()).isEqualTo(502);
        assertThat(offline.json().path("detail").asString()).contains("could not be reached");
        assertThat(dsl.fetchCount(MESSAGE_TEMPLATES, MESSAGE_TEMPLATES.TENANT_ID.eq(owner.tenantId()))).isEqualTo(stored);
    }

    private String templates() {
        return "/api/v1/channels/" + channel + "/templates";
    }

    private static Map<String, Object> newTemplate(String name) {
        return Map.of("name", name, "language", "pt_BR", "category", "MARKETING", "components", List.of(
                Map.of("type", "BODY", "text", "Oi {{1}}, temos novidades para você!",
                        "example", Map.of("body_text", List.of(List.of("Ana"))))));
    }

    private Map<String, Object> template(String name, List<String> parameters) {
        return Map.of("channelId", channel, "to", "5511911112222", "type", "template", "name", name, "language", "pt_BR",
                "components", parameters.isEmpty() ? List.of() : List.of(Map.of("type", "body", "parameters",
                        parameters.stream().map(p -> Map.of("type", "text", "text", p)).toList())));
    }

    private static JsonNode find(JsonNode templates, String name, String language) {
        return templates.valueStream().filter(t -> t.path("name").asString().equals(name) && t.path("language").asString().equals(language))
                .findFirst().orElseThrow(() -> new AssertionError("no template " + name + " in " + templates));
    }

    private void customerWrites(String from) {
        assertThat(api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", from, "text", "oi"))
                .json().path("webhookStatus").asInt()).isEqualTo(200);
    }

    private int outboxCount() {
        return dsl.fetchCount(OUTBOX, OUTBOX.TENANT_ID.eq(owner.tenantId()));
    }
}
