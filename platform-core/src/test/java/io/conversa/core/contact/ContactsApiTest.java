package io.conversa.core.contact;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.EVENTS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.SimulatedTenantTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Contacts are the customers flows know: listed, edited, opted out, moved in and out as CSV, erased on request. */
@ApiTest
class ContactsApiTest extends SimulatedTenantTest {

    @Test
    void aCustomerWhoWritesIsAContactThatTagsAndAttributesAreKeptOn() {
        customerWrites("5511900000001", "Ana Souza", "oi");
        JsonNode ana = owner.get("/api/v1/contacts").json().path("items").path(0);
        assertThat(ana.path("name").asString()).isEqualTo("Ana Souza");
        assertThat(ana.path("phone").asString()).isEqualTo("5511900000001");
        assertThat(ana.path("lastMessageAt").isNull()).isFalse();

        var changed = owner.patch("/api/v1/contacts/" + ana.path("id").asString(),
                Map.of("tags", List.of("vip", "lead"), "attributes", Map.of("plan", "gold", "city", "Recife")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        var removed = owner.patch("/api/v1/contacts/" + ana.path("id").asString(), "{\"attributes\": {\"city\": null}}");
        assertThat(removed.json().path("attributes").properties()).extracting(Map.Entry::getKey).containsExactly("plan");
        assertThat(removed.json().path("tags").valueStream().map(JsonNode::asString)).containsExactly("vip", "lead");
        // The conversation's contact is the same document: what flows read as contact.tags.
        assertThat(owner.get("/api/v1/conversations/" + ana.path("id").asString()).json().path("contact").path("tags")
                .valueStream().map(JsonNode::asString)).containsExactly("vip", "lead");
        assertThat(contactEvents()).last().satisfies(event ->
                assertThat(event.path("data").path("contact").path("attributes").path("plan").asString()).isEqualTo("gold"));

        // The customer's next message (a new profile name) keeps what the tenant set.
        customerWrites("5511900000001", "Ana S.", "de novo");
        await().untilAsserted(() -> assertThat(owner.get("/api/v1/contacts/" + ana.path("id").asString()).json().path("name")
                .asString()).isEqualTo("Ana S."));
        assertThat(owner.get("/api/v1/contacts/" + ana.path("id").asString()).json().path("tags").size()).isEqualTo(2);
    }

    @Test
    void listsArePagedByCursorAndFiltered() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var contact = owner.post("/api/v1/contacts", Map.of("channelId", channel, "phone", "+55819000000" + (10 + i),
                    "name", "Customer " + i, "tags", i % 2 == 0 ? List.of("even") : List.of("odd"),
                    "attributes", Map.of("plan", i < 2 ? "gold" : "free")));
            assertThat(contact.status()).as(contact.body()).isEqualTo(201);
            created.add(contact.json().path("id").asString());
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = owner.get("/api/v1/contacts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(item -> seen.add(item.path("id").asString()));
            cursor = page.path("next").isNull() ? null : page.path("next").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.reversed());

        assertThat(names("/api/v1/contacts?tag=even")).containsExactlyInAnyOrder("Customer 0", "Customer 2", "Customer 4");
        assertThat(names("/api/v1/contacts?tag=even&attribute=plan:gold")).containsExactly("Customer 0");
        assertThat(names("/api/v1/contacts?q=customer%203")).containsExactly("Customer 3");
        assertThat(names("/api/v1/contacts?q=%2B558190000001" + "4")).containsExactly("Customer 4");
        assertThat(names("/api/v1/contacts?optedOut=true")).isEmpty();
    }

    @Test
    void badRequestsSayWhatIsWrongAndChangeNothing() {
        ApiClient.Session stranger = api.signup("Stranger " + UUID.randomUUID());
        String strangersChannel = stranger.connectSimulatedChannel(String.valueOf(Long.parseLong(number) + 1), "x").path("id").asString();
        String id = owner.post("/api/v1/contacts", Map.of("channelId", channel, "phone", "5581900000099")).json().path("id").asString();
        int before = contactCount();

        assertProblem(owner.post("/api/v1/contacts", Map.of("channelId", channel, "phone", "0800 123")), 400, "phone must be a phone number");
        assertProblem(owner.post("/api/v1/contacts", Map.of("channelId", channel, "phone", "5581900000098",
                "tags", List.of("ok", " "), "attributes", Map.of("x".repeat(65), "v"))), 400, "tags[1] must not be blank");
        assertProblem(owner.post("/api/v1/contacts", Map.of("channelId", strangersChannel, "phone", "5581900000098")), 400,
                "channelId is not a WhatsApp number of this tenant");
        assertProblem(owner.post("/api/v1/contacts", Map.of("channelId", channel, "phone", "+5581900000099")), 409,
                "already has the contact " + id);
        assertProblem(owner.patch("/api/v1/contacts/" + id, Map.of("tags", List.of("t".repeat(65)))), 400, "tags[0]");
        assertProblem(owner.patch("/api/v1/contacts/" + id, "{\"tags\": 7}"), 400, "tags");
        assertProblem(stranger.get("/api/v1/contacts/" + id), 404, "no contact");
        assertProblem(stranger.patch("/api/v1/contacts/" + id, Map.of("name", "Mine now")), 404, "no contact");
        assertProblem(owner.get("/api/v1/contacts?cursor=bm9wZQ"), 400, "cursor");
        assertProblem(owner.get("/api/v1/contacts?attribute=plan"), 400, "attribute must be name:value");

        assertThat(contactCount()).isEqualTo(before);
        assertThat(owner.get("/api/v1/contacts/" + id).json().path("tags").size()).isZero();
        assertThat(stranger.get("/api/v1/contacts").json().path("items").size()).isZero();
    }

    @Test
    void aCustomerWhoWritesAnOptOutKeywordGetsNothingProactive() {
        customerWrites("5511900000002", "Bruno", "  sair ");
        String id = owner.get("/api/v1/contacts").json().path("items").path(0).path("id").asString();
        await().untilAsserted(() -> assertThat(owner.get("/api/v1/contacts/" + id).json().path("optedOutAt").isNull()).isFalse());
        int queued = dsl.fetchCount(OUTBOX, OUTBOX.TENANT_ID.eq(owner.tenantId()));

        assertProblem(owner.post("/api/v1/messages", Map.of("channelId", channel, "to", "5511900000002", "type", "text", "body", "Promo!")),
                422, "opted out");
        assertProblem(owner.post("/api/v1/messages", template("5511900000002")), 422, "opted out");
        assertThat(dsl.fetchCount(OUTBOX, OUTBOX.TENANT_ID.eq(owner.tenantId()))).isEqualTo(queued);
        assertThat(names("/api/v1/contacts?optedOut=true")).containsExactly("Bruno");

        assertThat(owner.post("/api/v1/contacts/" + id + "/opt-in", Map.of()).json().path("optedOutAt").isNull()).isTrue();
        assertThat(owner.post("/api/v1/messages", template("5511900000002")).status()).isEqualTo(202);

        // The tenant's own keywords replace the defaults.
        var keywords = owner.put("/api/v1/contacts/opt-out-keywords", Map.of("keywords", List.of("chega", "Basta ")));
        assertThat(keywords.json().path("keywords").valueStream().map(JsonNode::asString)).containsExactly("CHEGA", "BASTA");
        assertProblem(owner.put("/api/v1/contacts/opt-out-keywords", Map.of("keywords", List.of("x".repeat(31)))), 400, "keywords[0]");
        customerWrites("5511900000003", "Carla", "stop");
        customerWrites("5511900000004", "Davi", "basta");
        await().untilAsserted(() -> assertThat(names("/api/v1/contacts?optedOut=true")).containsExactly("Davi"));
    }

    @Test
    void anExportImportsBackAndAnImportReportsEachBadRow() {
        String csv = """
                phone,name,tags,attribute.plan,attribute.city
                +5581911110001,Ana,vip;lead,gold,Recife
                5581911110002,"=HYPERLINK(""http://evil"")",,free,
                12,Too short,,,
                5581911110003,Caio,,,São Paulo
                """;
        var imported = owner.client().postText("/api/v1/contacts/import?channelId=" + channel, "text/csv", csv, owner.auth());

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().path("created").asInt()).isEqualTo(3);
        assertThat(imported.json().path("errors").path(0).path("line").asInt()).isEqualTo(4);
        assertThat(imported.json().path("errors").path(0).path("errors").path(0).path("field").asString()).isEqualTo("phone");

        var exported = owner.get("/api/v1/contacts/export?format=csv");
        assertThat(exported.contentType()).startsWith("text/csv");
        List<String> lines = exported.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("id,channelId,waId,phone,name,tags,optedOutAt,createdAt,lastMessageAt,"
                + "attribute.city,attribute.plan");
        assertThat(exported.body()).contains("'=HYPERLINK").contains("vip;lead").contains("São Paulo");

        var again = owner.client().postText("/api/v1/contacts/import?channelId=" + channel, "text/csv", exported.body(), owner.auth());
        assertThat(again.json().path("unchanged").asInt()).as(again.body()).isEqualTo(3);
        assertThat(again.json().path("created").asInt()).isZero();
        assertThat(names("/api/v1/contacts?attribute=plan:free")).containsExactly("=HYPERLINK(\"http://evil\")");

        JsonNode json = owner.get("/api/v1/contacts/export?format=json&tag=vip").json();
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.path(0).path("attributes").path("city").asString()).isEqualTo("Recife");

        assertProblem(owner.client().postText("/api/v1/contacts/import?channelId=" + channel, "text/csv", "name,colour\nAna,red\n",
                owner.auth()), 400, "needs a phone column");
        assertProblem(owner.client().postText("/api/v1/contacts/import?channelId=" + channel, "text/csv",
                "phone,name\n5581911110009,\"unclosed\n", owner.auth()), 400, "not valid CSV");
        assertThat(owner.addMember("AGENT").get("/api/v1/contacts/export").status()).isEqualTo(403);
        assertThat(contactCount()).isEqualTo(3);
    }

    @Test
    void erasingAContactLeavesNothingOfThemAndTouchesNoOneElse() {
        customerWrites("5511900000005", "Elisa", "please forget me");
        customerWrites("5511900000006", "Fabio", "hello");
        String elisa = id("Elisa");
        UUID elisaId = UUID.fromString(elisa);
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.BODY.contains("5511900000005"))).isPositive();
        assertThat(owner.addMember("AGENT").delete("/api/v1/contacts/" + elisa).status()).isEqualTo(403);

        assertThat(owner.delete("/api/v1/contacts/" + elisa).status()).isEqualTo(204);

        assertThat(owner.get("/api/v1/contacts/" + elisa).status()).isEqualTo(404);
        assertThat(dsl.fetchCount(CONVERSATIONS, CONVERSATIONS.ID.eq(elisaId))).isZero();
        assertThat(dsl.fetchCount(INBOX, INBOX.CONVERSATION_ID.eq(elisaId))).isZero();
        assertThat(dsl.fetchCount(EVENTS, EVENTS.CONVERSATION_ID.eq(elisaId))).isZero();
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.BODY.contains("5511900000005"))).isZero();
        assertThat(dsl.fetchCount(MESSAGE_STATUSES, MESSAGE_STATUSES.RECIPIENT_ID.eq("5511900000005"))).isZero();
        assertThat(names("/api/v1/contacts")).containsExactly("Fabio");
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.BODY.contains("5511900000006"))).isPositive();
        assertThat(contactEvents()).last().satisfies(event -> {
            assertThat(event.path("type").asString()).isEqualTo("contact.deleted");
            assertThat(event.path("data").path("contactId").asString()).isEqualTo(elisa);
        });
        assertThat(owner.get("/api/v1/audit-events").body()).contains("contact.erased");
        assertThat(owner.delete("/api/v1/contacts/" + elisa).status()).isEqualTo(404);
    }

    private Map<String, Object> template(String to) {
        return Map.of("channelId", channel, "to", to, "type", "template", "name", "welcome", "language", "pt_BR");
    }

    private String id(String name) {
        return owner.get("/api/v1/contacts?q=" + name).json().path("items").path(0).path("id").asString();
    }

    private List<String> names(String path) {
        var response = owner.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("items").valueStream().map(c -> c.path("name").asString()).toList();
    }

    private List<JsonNode> contactEvents() {
        return owner.get("/api/v1/events?limit=500").json().path("events").valueStream()
                .filter(e -> e.path("type").asString().startsWith("contact.")).toList();
    }

    private int contactCount() {
        return dsl.fetchCount(CONVERSATIONS, CONVERSATIONS.TENANT_ID.eq(owner.tenantId()));
    }

    private void customerWrites(String from, String name, String text) {
        int processed = dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()), INBOX.PROCESSED_AT.isNotNull());
        var response = api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", from, "name", name, "text", text));
        assertThat(response.json().path("webhookStatus").asInt()).isEqualTo(200);
        await().until(() -> dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()), INBOX.PROCESSED_AT.isNotNull()) > processed);
    }

    private static void assertProblem(ApiClient.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains(detail);
    }
}
