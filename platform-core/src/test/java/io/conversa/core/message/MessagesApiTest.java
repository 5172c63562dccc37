package io.conversa.core.message;

import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.conversation.ConversationWorkers;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Tenants' systems send messages: through the same outbox as the flows, once per idempotency key, never past the rules. */
@ApiTest
class MessagesApiTest {

    static final String CUSTOMER = "4915100000301";

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    ConversationWorkers workers;

    ApiClient api;
    ApiClient.Session owner;
    String number;
    String channel;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Sender " + UUID.randomUUID());
        number = String.valueOf(600_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        channel = owner.connectSimulatedNumber(number, "send-secret").path("id").asString();
    }

    @Test
    void aTextToACustomerWhoWroteIsSentAndItsStatusFollowed() {
        customerWrites(CUSTOMER);

        var accepted = owner.post("/api/v1/messages", Map.of("channelId", channel, "to", CUSTOMER, "type", "text",
                "body", "Your order has shipped"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String statusUrl = accepted.json().path("statusUrl").asString();
        assertThat(accepted.raw().headers().firstValue("Location")).hasValue(statusUrl);
        JsonNode sent = awaitReceived(1).getFirst();
        assertThat(sent.path("to").asString()).isEqualTo(CUSTOMER);
        assertThat(sent.path("text").path("body").asString()).isEqualTo("Your order has shipped");
        await().untilAsserted(() -> assertThat(owner.get(statusUrl).json().path("status").asString()).isEqualTo("READ"));
        assertThat(owner.get(statusUrl).json().path("waMessageId").asString()).isEqualTo(sent.path("id").asString());
    }

    @Test
    void theSameIdempotencyKeyAndBodySendOnceAndAnotherBodyIsRefused() throws Exception {
        customerWrites(CUSTOMER);
        Map<String, Object> body = Map.of("channelId", channel, "to", CUSTOMER, "type", "text", "body", "Once only");
        List<ApiClient.Response> answers;
        // A double click and a retry after a timeout, all at once.
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<ApiClient.Response>> sent = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> owner.client().post("/api/v1/messages", body,
                            "Authorization", "Bearer " + owner.token(), "Idempotency-Key", "order-42-shipped")))
                    .toList();
            answers = sent.stream().map(MessagesApiTest::get).toList();
        }

        assertThat(answers).allMatch(a -> a.status() == 202);
        assertThat(answers.stream().map(a -> a.json().path("id").asLong()).distinct()).hasSize(1);
        assertThat(answers.stream().filter(a -> a.raw().headers().firstValue("Idempotent-Replayed").orElse("").equals("true")))
                .hasSize(7);
        var otherBody = owner.client().post("/api/v1/messages", Map.of("channelId", channel, "to", CUSTOMER, "type", "text",
                "body", "Something else"), "Authorization", "Bearer " + owner.token(), "Idempotency-Key", "order-42-shipped");
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.json().path("detail").asString()).contains("order-42-shipped");
        awaitReceived(1);
        await().during(java.time.Duration.ofMillis(500)).until(() -> received().size() == 1);
    }

    @Test
    void outsideTheWindowOnlyATemplateMayBeSent() {
        int queued = outboxCount();
        var text = owner.post("/api/v1/messages", Map.of("channelId", channel, "to", "4915100000302", "type", "text", "body", "Hi"));

        assertThat(text.status()).isEqualTo(422);
        assertThat(text.json().path("cloudApiCode").asInt()).isEqualTo(131047);
        assertThat(text.json().path("detail").asString()).contains("only a template");
        assertThat(outboxCount()).isEqualTo(queued);

        var template = owner.post("/api/v1/messages", Map.of("channelId", channel, "to", "4915100000302", "type", "template",
                "name", "order_update", "language", "pt_BR",
                "components", List.of(Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", "42"))))));
        assertThat(template.status()).as(template.body()).isEqualTo(202);
        JsonNode sent = awaitReceived(1).getFirst();
        assertThat(sent.path("template").path("name").asString()).isEqualTo("order_update");
        assertThat(sent.path("template").path("language").path("code").asString()).isEqualTo("pt_BR");
    }

    @Test
    void aCustomerKnownOnlyByTheirUserIdIsAddressedByRecipient() {
        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("userId", "BR.77712345", "text", "oi"));

        var accepted = owner.post("/api/v1/messages", Map.of("channelId", channel, "to", "BR.77712345", "type", "text",
                "body", "Olá!"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode sent = awaitReceived(1).getFirst();
        assertThat(sent.path("recipient").asString()).isEqualTo("BR.77712345");
        assertThat(sent.has("to")).isFalse();
    }

    @Test
    void aMessageQueuedBeforeTheCustomersMessageWasProcessedIsSent() {
        // The customer's message is stored but no worker has processed it yet: their window is open all the same.
        workers.stop();
        try {
            api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", CUSTOMER, "text", "hello"));

            var accepted = owner.post("/api/v1/messages", Map.of("channelId", channel, "to", CUSTOMER, "type", "text",
                    "body", "Right away"));

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(awaitReceived(1).getFirst().path("text").path("body").asString()).isEqualTo("Right away");
            assertThat(dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()), INBOX.PROCESSED_AT.isNull()))
                    .as("the customer's message still waits for a worker").isEqualTo(1);
        } finally {
            workers.start();
        }
    }

    @Test
    void badRequestsSayWhatIsWrongAndQueueNothing() {
        customerWrites(CUSTOMER);
        ApiClient.Session stranger = api.signup("Stranger");
        String strangersChannel = stranger.connectSimulatedChannel(String.valueOf(Long.parseLong(number) + 1), "x").path("id").asString();
        int queued = outboxCount();

        assertProblem(owner.post("/api/v1/messages", Map.of("channelId", channel, "to", CUSTOMER, "type", "hologram")),
                400, "'hologram' is not a message type");
        assertProblem(owner.post("/api/v1/messages", Map.of("channelId", channel, "to", CUSTOMER, "type", "text")),
                400, "body");
        assertProblem(owner.post("/api/v1/messages", Map.of("channelId", channel, "to", CUSTOMER, "type", "buttons", "body", "Pick",
                "buttons", List.of(Map.of("id", "1", "title", "A"), Map.of("id", "2", "title", "B"), Map.of("id", "3", "title", "C"),
                        Map.of("id", "4", "title", "D")))), 400, "buttons");
        assertProblem(owner.post("/api/v1/messages", Map.of("channelId", channel, "to", "+49 151", "type", "text", "body", "x")),
                400, "to must be the customer's phone number");
        assertProblem(owner.post("/api/v1/messages", Map.of("channelId", "not-a-channel", "to", CUSTOMER, "type", "text", "body", "x")),
                400, "channelId");
        assertProblem(owner.post("/api/v1/messages", Map.of("channelId", UUID.randomUUID().toString(), "to", CUSTOMER, "type", "text",
                "body", "x")), 404, "no channel");
        assertProblem(owner.post("/api/v1/messages", Map.of("channelId", strangersChannel, "to", CUSTOMER, "type", "text",
                "body", "x")), 404, "no channel");
        assertProblem(owner.post("/api/v1/messages", "[1, 2]"), 400, "JSON object");
        assertProblem(owner.client().post("/api/v1/messages", Map.of("channelId", channel, "to", CUSTOMER, "type", "text", "body", "x"),
                "Authorization", "Bearer " + owner.token(), "Idempotency-Key", "a key with spaces"), 400, "Idempotency-Key");
        assertThat(owner.get("/api/v1/messages/999999999").status()).isEqualTo(404);
        assertThat(outboxCount()).isEqualTo(queued);
    }

    private static void assertProblem(ApiClient.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains(detail);
    }

    private int outboxCount() {
        return dsl.fetchCount(OUTBOX, OUTBOX.TENANT_ID.eq(owner.tenantId()));
    }

    private void customerWrites(String from) {
        var response = api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", from, "text", "hello"));
        assertThat(response.json().path("webhookStatus").asInt()).isEqualTo(200);
        // The message is processed (and its window opened) by a worker, after the webhook's answer.
        await().until(() -> !owner.get("/api/v1/conversations").json().path("items").path(0).path("lastInboundAt").isNull());
    }

    private List<JsonNode> received() {
        return api.get("/simulator/numbers/" + number + "/messages").json().valueStream().toList();
    }

    private List<JsonNode> awaitReceived(int count) {
        await().until(() -> received().size() >= count);
        return received();
    }

    private static ApiClient.Response get(Future<ApiClient.Response> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
