package io.conversa.core.inbox;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.MEMBER_PRESENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.TestFlows;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The live chat's REST side: a flow hands a customer over, agents take, answer, note, label, close and give back. */
@ApiTest
class LiveChatApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    ApiClient api;
    ApiClient.Session owner;
    ApiClient.Session agentA;
    ApiClient.Session agentB;
    String number;
    String channel;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Support desk " + UUID.randomUUID());
        agentA = owner.addMember("AGENT");
        agentB = owner.addMember("AGENT");
        number = String.valueOf(800_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        channel = owner.connectSimulatedNumber(number, "chat-secret").path("id").asString();
        String flow = owner.post("/api/v1/flows", TestFlows.HANDOFF).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");
    }

    @Test
    void anAgentTakesAnswersNotesLabelsClosesAndGivesBackAHandedOffConversation() {
        String id = handedOff("4915100000501");
        assertThat(ids(agentA.get("/api/v1/conversations?handedOff=true&assignee=none&status=OPEN"))).contains(id);

        assertThat(agentA.post(path(id, "assign"), Map.of()).json().path("assigneeId").asString()).isEqualTo(agentA.userId().toString());
        var second = agentB.post(path(id, "assign"), Map.of());
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("detail").asString()).contains("already taken by");
        assertThat(ids(agentA.get("/api/v1/conversations?assignee=me"))).containsExactly(id);

        var answer = agentA.client().post(path(id, "messages"), Map.of("type", "text", "body", "Hi, I am Ada from support."),
                "Authorization", "Bearer " + agentA.token(), "Idempotency-Key", "answer-1");
        var retried = agentA.client().post(path(id, "messages"), Map.of("type", "text", "body", "Hi, I am Ada from support."),
                "Authorization", "Bearer " + agentA.token(), "Idempotency-Key", "answer-1");
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(retried.json().path("id").asLong()).isEqualTo(answer.json().path("id").asLong());
        await().untilAsserted(() -> assertThat(texts()).containsExactly("A person will answer you.", "Hi, I am Ada from support."));
        JsonNode sent = agentA.get(path(id, "messages")).json().valueStream()
                .filter(m -> "AGENT".equals(m.path("origin").asString())).findFirst().orElseThrow();
        assertThat(sent.path("authorId").asString()).isEqualTo(agentA.userId().toString());
        assertThat(agentA.get("/api/v1/conversations/" + id).json().path("firstResponseAt").isNull()).isFalse();

        assertThat(agentA.post(path(id, "notes"), Map.of("body", "Customer is a VIP, refund approved.")).status()).isEqualTo(201);
        assertThat(agentB.get(path(id, "notes")).json().get(0).path("body").asString()).isEqualTo("Customer is a VIP, refund approved.");
        assertThat(agentA.put(path(id, "labels"), Map.of("labels", List.of("vip", "refund"))).json().path("labels").get(0).asString())
                .isEqualTo("vip");
        assertThat(ids(agentB.get("/api/v1/conversations?label=vip"))).containsExactly(id);

        assertThat(agentA.post(path(id, "read"), "").status()).isEqualTo(202);
        await().untilAsserted(() -> assertThat(api.get("/simulator/numbers/" + number + "/read-receipts").json().valueStream()
                .map(r -> r.path("messageId").asString())).contains(customerMessageId(id)));

        JsonNode closed = agentA.post(path(id, "close"), "").json();
        assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
        assertThat(ids(agentA.get("/api/v1/conversations?status=CLOSED"))).containsExactly(id);
        assertThat(agentA.post(path(id, "reopen"), "").json().path("status").asString()).isEqualTo("OPEN");

        assertThat(agentA.post("/api/v1/conversations/" + id + "/release", "").status()).isEqualTo(202);
        await().untilAsserted(() -> assertThat(texts()).contains("The bot is back."));
        assertThat(texts()).doesNotContain("Customer is a VIP, refund approved.");
        List<String> events = owner.get("/api/v1/events?limit=500").json().path("events").valueStream()
                .map(e -> e.path("type").asString()).toList();
        assertThat(events).contains("conversation.handed_off", "conversation.assigned", "conversation.note_added",
                "conversation.closed", "conversation.reopened", "conversation.released");
    }

    @Test
    void twoAgentsTakingAtOnceNeverBothOwnIt() {
        String id = handedOff("4915100000502");

        var a = CompletableFuture.supplyAsync(() -> agentA.post(path(id, "assign"), Map.of()).status());
        var b = CompletableFuture.supplyAsync(() -> agentB.post(path(id, "assign"), Map.of()).status());

        assertThat(List.of(a.join(), b.join())).containsExactlyInAnyOrder(200, 409);
    }

    @Test
    void ownersAssignAgentsOnlyTakeAndAClosedWindowAllowsTemplatesOnly() {
        String id = handedOff("4915100000503");

        assertThat(agentA.post(path(id, "assign"), Map.of("assigneeId", agentB.userId().toString())).status()).isEqualTo(403);
        assertThat(owner.post(path(id, "assign"), Map.of("assigneeId", agentB.userId().toString())).json().path("assigneeId").asString())
                .isEqualTo(agentB.userId().toString());
        assertThat(owner.post(path(id, "assign"), Map.of("assigneeId", UUID.randomUUID().toString())).status()).isEqualTo(400);
        assertThat(agentA.post(path(id, "unassign"), "").status()).isEqualTo(403);

        dsl.update(CONVERSATIONS).set(CONVERSATIONS.LAST_INBOUND_AT, OffsetDateTime.now().minusDays(2))
                .where(CONVERSATIONS.ID.eq(UUID.fromString(id))).execute();
        var late = agentB.post(path(id, "messages"), Map.of("type", "text", "body", "Sorry for the delay"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().path("cloudApiCode").asInt()).isEqualTo(131047);
        assertThat(agentB.post(path(id, "messages"), Map.of("type", "template", "name", "follow_up", "language", "en")).status())
                .isEqualTo(202);
    }

    @Test
    void badRequestsAndOtherTenantsConversationsAreRefused() {
        String id = handedOff("4915100000504");
        ApiClient.Session stranger = api.signup("Stranger");

        assertThat(stranger.post(path(id, "assign"), Map.of()).status()).isEqualTo(404);
        assertThat(stranger.post(path(id, "notes"), Map.of("body", "peek")).status()).isEqualTo(404);
        assertThat(agentA.post(path(UUID.randomUUID().toString(), "close"), "").status()).isEqualTo(404);
        assertThat(agentA.post(path(id, "notes"), Map.of("body", " ")).status()).isEqualTo(400);
        assertThat(agentA.post(path(id, "messages"), Map.of("type", "buttons", "body", "Pick", "buttons", List.of())).status())
                .isEqualTo(400);
        assertThat(agentA.get("/api/v1/conversations?assignee=somebody").status()).isEqualTo(400);
        assertThat(agentA.get("/api/v1/conversations?status=LOST").status()).isEqualTo(400);
    }

    @Test
    void theCustomersMessagesCountAsUnreadUntilAnAgentReadsThem() {
        String id = handedOff("4915100000778");
        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", "4915100000778", "text", "hello?"));
        await().untilAsserted(() -> assertThat(owner.get("/api/v1/conversations/" + id).json().path("unread").asInt()).isEqualTo(2));

        assertThat(agentA.post(path(id, "read"), Map.of()).status()).isEqualTo(202);

        assertThat(owner.get("/api/v1/conversations/" + id).json().path("unread").asInt()).isZero();
        assertThat(owner.get("/api/v1/conversations").json().path("items").valueStream()
                .filter(c -> c.path("id").asString().equals(id)).findFirst().orElseThrow().path("unread").asInt()).isZero();
    }

    @Test
    void quickRepliesAreSharedFilledInForTheCustomerAndCheckedLikeEverythingElse() {
        var created = agentA.post("/api/v1/quick-replies", Map.of("shortcut", "thanks", "body", "Thank you, {{contact.name}}!"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        agentB.post("/api/v1/quick-replies", Map.of("shortcut", "hours", "body", "We answer 9-18h."));
        String id = handedOff("4915100000777");

        var filled = agentB.get("/api/v1/conversations/" + id + "/quick-replies?q=th").json();
        assertThat(filled.size()).isEqualTo(1);
        assertThat(filled.path(0).path("body").asString()).isEqualTo("Thank you, Bia!");
        assertThat(owner.get("/api/v1/quick-replies").json().valueStream().map(r -> r.path("shortcut").asString()))
                .containsExactly("hours", "thanks");

        assertThat(agentA.post("/api/v1/quick-replies", Map.of("shortcut", "thanks", "body", "again")).status()).isEqualTo(409);
        var invalid = agentA.post("/api/v1/quick-replies", Map.of("shortcut", "Not Valid", "body", ""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").valueStream().map(e -> e.path("field").asString())).contains("shortcut", "body");
        ApiClient.Session stranger = api.signup("Stranger " + UUID.randomUUID());
        assertThat(stranger.get("/api/v1/quick-replies").json().size()).isZero();
        assertThat(stranger.get("/api/v1/conversations/" + id + "/quick-replies").status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v1/quick-replies/" + created.json().path("id").asString()).status()).isEqualTo(404);
        assertThat(agentA.delete("/api/v1/quick-replies/" + created.json().path("id").asString()).status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/quick-replies").json().size()).isEqualTo(1);
    }

    @Test
    void agentsSeeTheCustomersFilesAndAttachTheirOwnWithinWhatsAppsLimits() throws Exception {
        String id = handedOff("4915100000505");
        byte[] photo = "\u0089PNG the customer's photo".getBytes(StandardCharsets.UTF_8);
        String photoId = api.post("/simulator/media", Map.of("mimeType", "image/png",
                "contentBase64", Base64.getEncoder().encodeToString(photo))).json().path("id").asString();
        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", "4915100000505", "mediaId", photoId,
                "text", "my broken cup"));

        HttpResponse<byte[]> file = await().until(() -> download(agentA, path(id, "media/" + photoId)), r -> r.statusCode() == 200);
        assertThat(file.body()).isEqualTo(photo);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(agentA.get(path(id, "messages")).json().valueStream().map(m -> m.path("content").path("text").asString()))
                .contains("my broken cup");
        assertThat(download(agentA, path(id, "media/no-such-media")).statusCode()).isEqualTo(404);
        assertThat(download(api.signup("Stranger"), path(id, "media/" + photoId)).statusCode()).isEqualTo(404);

        var uploaded = upload(id, "application/pdf", "refund.pdf", "%PDF-1.7 refund form".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().path("kind").asString()).isEqualTo("document");
        String documentId = uploaded.json().path("id").asString();
        assertThat(agentA.post(path(id, "messages"), Map.of("type", "document", "id", documentId, "filename", "refund.pdf")).status())
                .isEqualTo(202);
        await().untilAsserted(() -> assertThat(api.get("/simulator/numbers/" + number + "/messages").json().valueStream()
                .map(m -> m.path("document").path("id").asString())).contains(documentId));

        var tooLarge = upload(id, "image/jpeg", "huge.jpg", new byte[5 * 1024 * 1024 + 1]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("detail").asString()).contains("at most 5242880 bytes");
        var unsupported = upload(id, "application/x-msdownload", "setup.exe", new byte[10]);
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(api.get("/simulator/numbers/" + number + "/messages").json().valueStream()
                .filter(m -> m.has("image") || m.has("document")).count()).isEqualTo(1);
    }

    @Test
    void onANumberThatAutoAssignsHandoffsGoToTheOnlineAgentsInTurn() {
        assertThat(owner.patch("/api/v1/channels/" + channel, Map.of("autoAssign", true)).json().path("autoAssign").asBoolean()).isTrue();
        assertThat(agentA.put("/api/v1/presence", Map.of("status", "ONLINE")).status()).isEqualTo(204);
        assertThat(agentB.put("/api/v1/presence", Map.of("status", "ONLINE")).status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/presence").json().valueStream().map(p -> p.path("userId").asString() + ":" + p.path("status").asString()))
                .containsExactlyInAnyOrder(agentA.userId() + ":ONLINE", agentB.userId() + ":ONLINE");

        List<String> assignees = List.of("4915100000601", "4915100000602", "4915100000603", "4915100000604").stream()
                .map(customer -> assignee(handedOff(customer))).toList();
        assertThat(assignees).containsOnly(agentA.userId().toString(), agentB.userId().toString());
        assertThat(assignees.stream().filter(agentA.userId().toString()::equals).count()).isEqualTo(2);
        assertThat(owner.get("/api/v1/events?limit=500").json().path("events").valueStream()
                .filter(e -> "conversation.assigned".equals(e.path("type").asString()))
                .map(e -> e.path("data").path("by").asString())).containsOnly("auto-assignment").hasSize(4);

        // Away, or not seen for a while (the inbox closed without a word): no more conversations.
        agentB.put("/api/v1/presence", Map.of("status", "AWAY"));
        assertThat(assignee(handedOff("4915100000605"))).isEqualTo(agentA.userId().toString());
        dsl.update(MEMBER_PRESENCE).set(MEMBER_PRESENCE.SEEN_AT, OffsetDateTime.now().minusMinutes(5))
                .where(MEMBER_PRESENCE.USER_ID.eq(agentA.userId())).execute();
        assertThat(assignee(handedOff("4915100000606"))).isEmpty();
        assertThat(owner.get("/api/v1/presence").json().valueStream().map(p -> p.path("status").asString())).containsExactly("AWAY");

        assertThat(agentA.put("/api/v1/presence", Map.of("status", "BUSY")).json().path("detail").asString())
                .contains("must be ONLINE or AWAY");
        assertThat(agentA.delete("/api/v1/presence").status()).isEqualTo(204);
    }

    private String assignee(String conversationId) {
        return owner.get("/api/v1/conversations/" + conversationId).json().path("assigneeId").asString("");
    }

    private ApiClient.Response upload(String id, String mimeType, String filename, byte[] content) {
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path(id, "media?filename=" + filename)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).header("Content-Type", mimeType)
                .header("Authorization", "Bearer " + agentA.token()));
    }

    private HttpResponse<byte[]> download(ApiClient.Session session, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + session.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    /** A customer writes, the flow hands them over; returns the conversation. */
    private String handedOff(String from) {
        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", from, "name", "Bia", "text", "help"));
        await().untilAsserted(() -> assertThat(owner.get("/api/v1/conversations?handedOff=true").json().path("items").valueStream()
                .map(c -> c.path("waId").asString())).contains(from));
        return owner.get("/api/v1/conversations?handedOff=true").json().path("items").valueStream()
                .filter(c -> c.path("waId").asString().equals(from)).findFirst().orElseThrow().path("id").asString();
    }

    private String customerMessageId(String id) {
        return owner.get(path(id, "messages")).json().valueStream().filter(m -> m.path("direction").asString().equals("IN"))
                .findFirst().orElseThrow().path("waMessageId").asString();
    }

    private List<String> texts() {
        return api.get("/simulator/numbers/" + number + "/messages").json().valueStream()
                .map(m -> m.path("text").path("body").asString()).toList();
    }

    private static List<String> ids(ApiClient.Response response) {
        return response.json().path("items").valueStream().map(c -> c.path("id").asString()).toList();
    }

    private static String path(String id, String action) {
        return "/api/v1/conversations/" + id + "/" + action;
    }
}
