package io.conversa.core.outreach;

import static io.conversa.core.db.jooq.Tables.INBOX;
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

/** A tenant's system starts a flow for a customer: with its variables, once per key, and only as WhatsApp allows. */
@ApiTest
class FlowStartTest extends SimulatedTenantTest {

    /** Asks with an approved template (outside the window nothing else may be sent), then thanks for the answer. */
    static final String REMINDER = """
            {"name": "Reminder", "start": "remind", "inputs": ["order"], "nodes": [
              {"id": "remind", "type": "question", "data": {"prompt": {"type": "template", "name": "order_update",
                 "language": "pt_BR", "components": [{"type": "body", "parameters": [{"type": "text", "text": "{{order}}"}]}]},
                 "variable": "answer"}},
              {"id": "thanks", "type": "message", "data": {"message": {"type": "text", "body": "Noted about {{order}}: {{answer}}"}}}],
             "edges": [{"id": "1", "source": "remind", "target": "thanks"}]}""";
    /** Opens with free text: only for a customer within the 24-hour window. */
    static final String CHAT = """
            {"name": "Chat", "start": "hi", "inputs": ["name"], "nodes": [
              {"id": "hi", "type": "message", "data": {"message": {"type": "text", "body": "Hi {{name}}!"}}}],
             "edges": []}""";

    String reminder;
    String chat;

    @BeforeEach
    void publishTheFlows() {
        reminder = publish(REMINDER);
        chat = publish(CHAT);
    }

    @Test
    void aTemplateFlowStartsForACustomerWhoNeverWroteAndGoesOnWithTheirAnswer() {
        var started = owner.client().post("/api/v1/flows/" + reminder + "/start", Map.of("channelId", channel,
                "to", "5511922223333", "variables", Map.of("order", "A-42")), "Authorization", "Bearer " + owner.token(),
                "Idempotency-Key", "remind-A-42");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String conversation = started.json().path("conversationId").asString();
        await().until(() -> received().stream().anyMatch(m -> m.has("template")));
        JsonNode template = received().stream().filter(m -> m.has("template")).findFirst().orElseThrow().path("template");
        assertThat(template.path("components").path(0).path("parameters").path(0).path("text").asString()).isEqualTo("A-42");
        // The same request again (a retry) starts nothing more.
        var retried = owner.client().post("/api/v1/flows/" + reminder + "/start", Map.of("channelId", channel,
                "to", "5511922223333", "variables", Map.of("order", "A-42")), "Authorization", "Bearer " + owner.token(),
                "Idempotency-Key", "remind-A-42");
        assertThat(retried.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");

        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", "5511922223333", "text", "sim"));
        await().until(() -> texts().contains("Noted about A-42: sim"));
        assertThat(received().stream().filter(m -> m.has("template"))).hasSize(1);
        assertThat(owner.get("/api/v1/conversations/" + conversation + "/sessions").json().path(0).path("flowName").asString())
                .isEqualTo("Reminder");
    }

    @Test
    void aFreeFormFlowNeedsAnOpenWindowAndARunningFlowIsOnlyReplacedWhenAsked() {
        int events = inboxCount();
        var closed = owner.post("/api/v1/flows/" + chat + "/start", Map.of("channelId", channel, "to", "5511933334444"));
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.json().path("cloudApiCode").asInt()).isEqualTo(131047);
        assertThat(closed.json().path("nodeId").asString()).isEqualTo("hi");
        assertThat(inboxCount()).isEqualTo(events);

        assertThat(start(reminder, Map.of("order", "B-1"), false).status()).isEqualTo(202);
        var busy = start(reminder, Map.of("order", "B-2"), false);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().path("detail").asString()).contains("replace: true");
        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", "5511933334444", "name", "Rui", "text", "oi"));
        await().until(() -> texts().contains("Noted about B-1: oi"));

        // The customer wrote: a free-form flow may start now, replacing the one that waits for them only when asked.
        assertThat(start(reminder, Map.of("order", "B-3"), false).status()).isEqualTo(202);
        await().until(() -> received().stream().filter(m -> m.has("template")).count() == 2);
        assertThat(start(chat, Map.of("name", "Rui"), false).status()).isEqualTo(409);
        assertThat(start(chat, Map.of("name", "Rui"), true).status()).isEqualTo(202);
        await().until(() -> texts().contains("Hi Rui!"));
        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", "5511933334444", "text", "B-3?"));
        await().during(java.time.Duration.ofMillis(300)).until(() -> !texts().contains("Noted about B-3: B-3?"));
    }

    private ApiClient.Response start(String flow, Map<String, Object> variables, boolean replace) {
        return owner.post("/api/v1/flows/" + flow + "/start", Map.of("channelId", channel, "to", "5511933334444",
                "variables", variables, "replace", replace));
    }

    @Test
    void badRequestsSayWhatIsWrongAndStartNothing() {
        ApiClient.Session stranger = api.signup("Stranger " + UUID.randomUUID());
        String draftOnly = owner.post("/api/v1/flows", CHAT).json().path("flow").path("id").asString();
        int events = inboxCount();

        assertProblem(owner.post("/api/v1/flows/" + reminder + "/start", Map.of("channelId", channel, "to", "+55 11")), 400, "to must be");
        assertProblem(owner.post("/api/v1/flows/" + reminder + "/start", Map.of("to", "5511944445555")), 400, "channelId");
        assertProblem(owner.post("/api/v1/flows/" + draftOnly + "/start", Map.of("channelId", channel, "to", "5511944445555")),
                422, "no published version");
        assertProblem(stranger.post("/api/v1/flows/" + reminder + "/start", Map.of("channelId", channel, "to", "5511944445555")),
                404, "no channel");
        assertProblem(owner.post("/api/v1/flows/" + UUID.randomUUID() + "/start", Map.of("channelId", channel, "to", "5511944445555")),
                422, "no published version");
        String contact = owner.post("/api/v1/contacts", Map.of("channelId", channel, "phone", "5511955556666")).json().path("id").asString();
        owner.post("/api/v1/contacts/" + contact + "/opt-out", Map.of());
        assertProblem(owner.post("/api/v1/flows/" + reminder + "/start", Map.of("channelId", channel, "to", "5511955556666",
                "variables", Map.of("order", "C-3"))), 422, "opted out");
        assertThat(inboxCount()).isEqualTo(events);
    }

    private String publish(String flow) {
        String id = owner.post("/api/v1/flows", flow).json().path("flow").path("id").asString();
        var published = owner.post("/api/v1/flows/" + id + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return id;
    }

    private List<JsonNode> received() {
        return api.get("/simulator/numbers/" + number + "/messages").json().valueStream().toList();
    }

    private List<String> texts() {
        return received().stream().map(m -> m.path("text").path("body").asString("")).toList();
    }

    private int inboxCount() {
        return dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()));
    }

    private static void assertProblem(ApiClient.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("detail").asString()).contains(detail);
    }
}
