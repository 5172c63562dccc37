package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.db.Transactions;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.MetaWebhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * End to end offline: a customer writes through the Cloud API simulator, the signed webhook
 * reaches the flow, the reply leaves through the sender, and the simulator's statuses come back.
 * Faults are injected into the simulator: nothing is lost, nothing is sent twice.
 */
@ApiTest
class SendingThroughTheSimulatorTest {

    static final String ECHO = """
            {"name": "Echo", "start": "echo", "nodes": [
              {"id": "echo", "type": "message", "data": {"message": {"type": "buttons", "body": "You said: {{message.text}}",
                "buttons": [{"id": "more", "title": "More"}, {"id": "stop", "title": "Stop"}]}}}],
             "triggers": {"defaultFlow": true}}
            """;

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    OutboxSender sender;

    @Autowired
    OutboxSendRepository outboxSends;

    @Autowired
    Transactions transactions;

    ApiClient api;
    ApiClient.Session owner;
    String number;
    UUID channel;
    String webhookUrl;

    /** Likes the customer's message, then answers quoting it. */
    static final String LIKE_AND_QUOTE = """
            {"name": "Like", "start": "like", "nodes": [
              {"id": "like", "type": "message", "data": {"message": {"type": "reaction", "messageId": "{{message.id}}", "emoji": "👍"}}},
              {"id": "quote", "type": "message", "data": {"replyTo": "{{message.id}}", "message": {"type": "text", "body": "Got it"}}}],
             "edges": [{"id": "e", "source": "like", "target": "quote"}],
             "triggers": {"defaultFlow": true}}
            """;

    @BeforeEach
    void setUp() {
        connect(ECHO);
    }

    /** A new tenant with a simulated number and this flow published as its default. */
    private void connect(String flowJson) {
        api = new ApiClient(port);
        owner = api.signup("Offline Pizza");
        number = String.valueOf(200_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        var created = owner.connectSimulatedChannel(number, "sim-secret");
        channel = UUID.fromString(created.path("id").asString());
        webhookUrl = created.path("webhookUrl").asString();
        target(false);
        String flow = owner.post("/api/v1/flows", flowJson).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");
    }

    @Test
    void aCustomersMessageIsAnsweredThroughTheCloudApiAndTheStatusesComeBack() {
        customerWrites("4915112345678", "hello bot");

        List<JsonNode> received = awaitReceived(1);
        JsonNode reply = received.getFirst();
        assertThat(reply.path("to").asString()).isEqualTo("4915112345678");
        assertThat(reply.path("type").asString()).isEqualTo("interactive");
        assertThat(reply.path("interactive").path("body").path("text").asString()).isEqualTo("You said: hello bot");
        assertThat(reply.path("interactive").path("action").path("buttons").get(1).path("reply").path("id").asString()).isEqualTo("stop");

        await().until(() -> "READ".equals(outboxRow().getStatus()));
        assertThat(outboxRow().getWaMessageId()).isEqualTo(reply.path("id").asString());
    }

    @Test
    void aRefusedReadReceiptNeitherHoldsBackNorFailsTheReplyThatCarriesIt() throws Exception {
        // A message id the Cloud API does not know: marking it read is refused for good.
        byte[] body = MetaWebhooks.text(number, "4915112345680", "Ada", "not-a-wamid-1", "hello bot").getBytes(StandardCharsets.UTF_8);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(webhookUrl))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", MetaWebhooks.signature(body, "sim-secret"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);

        assertThat(awaitReceived(1).getFirst().path("interactive").path("body").path("text").asString())
                .isEqualTo("You said: hello bot");
        await().until(() -> "READ".equals(outboxRow().getStatus()));
        assertThat(outboxRow().getAttempts()).isEqualTo(1);
        assertThat(api.get("/simulator/numbers/" + number + "/read-receipts").json().valueStream().toList())
                .as("refused, and not tried again").isEmpty();
    }

    @Test
    void statusesThatOvertakeTheSendsOutcomeAreAppliedWhenItIsRecorded() {
        customerWrites("4915112345679", "hello bot");
        await().until(() -> "READ".equals(outboxRow().getStatus()));
        var reply = outboxRow();
        // As if the sent, delivered and read webhooks (stored by now) had come before the sender recorded the call.
        dsl.update(OUTBOX).set(OUTBOX.STATUS, "SENDING").setNull(OUTBOX.WA_MESSAGE_ID).setNull(OUTBOX.SENT_AT)
                .where(OUTBOX.ID.eq(reply.getId())).execute();

        List<StatusChange> changes = transactions.asSystem(() -> outboxSends.record(List.of(
                SendOutcome.sent(reply.getId(), reply.getWaMessageId(), OffsetDateTime.now()))));

        assertThat(changes).extracting(StatusChange::status).startsWith("SENT").endsWith("READ");
        assertThat(outboxRow().getStatus()).isEqualTo("READ");
        assertThat(outboxRow().getWaMessageId()).isEqualTo(reply.getWaMessageId());
    }

    @Test
    void customersTypingFastGetEveryReplyOnceAndInOrderWhileCallsOverlap() {
        // Slow answers and a rate limit among the first calls, so calls in flight overlap and one is retried.
        faults("""
                [{"httpStatus": 200, "delayMillis": 300, "count": 4},
                 {"httpStatus": 429, "code": 130429, "message": "Rate limit hit", "count": 1}]
                """);
        List<String> customers = List.of("4915100000011", "4915100000012", "4915100000013", "4915100000014");
        customers.parallelStream().forEach(from -> {
            for (int m = 0; m < 6; m++) {
                customerWrites(from, from + "-" + m);
            }
        });

        awaitReceived(customers.size() * 6);
        for (String customer : customers) {
            assertThat(received().stream().filter(r -> r.path("to").asString().equals(customer))
                    .map(r -> r.path("interactive").path("body").path("text").asString()))
                    .containsExactly(IntStream.range(0, 6).mapToObj(m -> "You said: " + customer + "-" + m)
                            .toArray(String[]::new));
        }
    }

    @Test
    void theBotMarksTheMessageReadShowsTypingThenReactsAndRepliesQuotingIt() {
        connect(LIKE_AND_QUOTE);

        customerWrites("4915100000021", "two pizzas please");

        List<JsonNode> received = awaitReceived(2);
        List<JsonNode> receipts = api.get("/simulator/numbers/" + number + "/read-receipts").json().valueStream().toList();
        assertThat(receipts).hasSize(1);
        String customersMessage = receipts.getFirst().path("messageId").asString();
        assertThat(customersMessage).startsWith("wamid.");
        assertThat(receipts.getFirst().path("typing").asBoolean()).as("replies follow, so typing... shows").isTrue();
        assertThat(receipts.getFirst().path("receivedAt").asLong()).isLessThanOrEqualTo(received.getFirst().path("receivedAt").asLong());

        assertThat(received.get(0).path("type").asString()).isEqualTo("reaction");
        assertThat(received.get(0).path("reaction").path("message_id").asString()).isEqualTo(customersMessage);
        assertThat(received.get(0).path("reaction").path("emoji").asString()).isEqualTo("👍");
        assertThat(received.get(1).path("context").path("message_id").asString()).isEqualTo(customersMessage);
        assertThat(received.get(1).path("text").path("body").asString()).isEqualTo("Got it");

        var messages = owner.get("/api/v1/conversations/" + outboxRow().getConversationId() + "/messages").json();
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("replyTo").asString()).isEqualTo(customersMessage);
        // The read receipt rode on the first reply: no outbox row of its own.
        assertThat(dsl.select(OUTBOX.KIND, OUTBOX.MARK_READ_MESSAGE_ID).from(OUTBOX)
                .where(OUTBOX.CONVERSATION_ID.eq(outboxRow().getConversationId())).orderBy(OUTBOX.ID).fetch()
                .map(r -> r.value1() + ":" + r.value2()))
                .containsExactly("MESSAGE:" + customersMessage, "MESSAGE:null");
    }

    @Test
    void mediaIsUploadedToTheNumberWithinWhatsAppsLimitsAndCheckedAgainstTheMessageTypeBeforeSending() {
        var pdf = uploadMedia("application/pdf", "menu.pdf", "%PDF-1.7 menu".getBytes());
        assertThat(pdf.status()).isEqualTo(201);
        String pdfId = pdf.json().path("id").asString();
        assertThat(pdf.json().path("kind").asString()).isEqualTo("document");
        assertThat(pdf.json().path("size").asLong()).isEqualTo(13);
        assertThat(api.get("/simulator/graph/v24.0/" + pdfId, "Authorization", "Bearer simulated-token").json()
                .path("mime_type").asString()).as("the file reached the Cloud API").isEqualTo("application/pdf");

        var exe = uploadMedia("application/x-msdownload", "virus.exe", new byte[] {'M', 'Z'});
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.json().path("detail").asString()).contains("does not take application/x-msdownload", "image: image/jpeg, image/png");
        var bigImage = uploadMedia("image/png", "huge.png", new byte[5 * 1024 * 1024 + 1]);
        assertThat(bigImage.status()).isEqualTo(413);
        assertThat(bigImage.json().path("detail").asString()).contains("A image may have at most 5242880 bytes");
        assertThat(uploadMedia("image/png", "empty.png", new byte[0]).status()).isEqualTo(400);

        // A flow that sends the PDF's id as an image: refused with the reason, the Cloud API never called.
        connectSameTenantFlow("""
                {"name": "Menu", "start": "menu", "nodes": [
                  {"id": "menu", "type": "message", "data": {"message": {"type": "image", "id": "%s"}}}],
                 "triggers": {"defaultFlow": true}}
                """.formatted(pdfId));
        customerWrites("4915100000022", "menu?");
        await().until(() -> "FAILED".equals(outboxRow().getStatus()));
        assertThat(outboxRow().getErrorCode()).isEqualTo(OutboxSender.INVALID_MESSAGE);
        assertThat(outboxRow().getErrorMessage()).contains("is application/pdf, which a image message cannot carry");
        assertThat(received()).isEmpty();
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedAndTheMessageSentOnce() {
        faults("""
                [{"httpStatus": 429, "code": 130429, "message": "Rate limit hit", "count": 2},
                 {"httpStatus": 500, "code": 131000, "message": "Something went wrong", "count": 1}]
                """);

        customerWrites("4915100000002", "hi");

        awaitReceived(1);
        await().until(() -> outboxRow().getSentAt() != null);
        assertThat(outboxRow().getAttempts()).isEqualTo(4);
        assertThat(received()).hasSize(1);
    }

    @Test
    void aReplyThatMustWaitHoldsBackTheRepliesLeasedBehindIt() {
        // The read receipt and both replies are leased together, to be sent one after the other.
        connectSameTenantFlow("""
                {"name": "Two", "start": "first", "nodes": [
                  {"id": "first", "type": "message", "data": {"message": {"type": "text", "body": "First"}}},
                  {"id": "second", "type": "message", "data": {"message": {"type": "text", "body": "Second"}}}],
                 "edges": [{"id": "e", "source": "first", "target": "second"}],
                 "triggers": {"defaultFlow": true}}
                """);
        faults("[{\"httpStatus\": 429, \"code\": 130429, \"message\": \"Rate limit hit\", \"count\": 1}]");

        customerWrites("4915100000031", "two please");

        assertThat(awaitReceived(2).stream().map(r -> r.path("text").path("body").asString())).containsExactly("First", "Second");
        await().until(() -> dsl.fetchCount(OUTBOX, OUTBOX.TENANT_ID.eq(owner.tenantId()), OUTBOX.KIND.eq("MESSAGE"),
                OUTBOX.SENT_AT.isNotNull()) == 2);
        assertThat(dsl.select(OUTBOX.ATTEMPTS).from(OUTBOX).where(OUTBOX.TENANT_ID.eq(owner.tenantId()), OUTBOX.KIND.eq("MESSAGE"))
                .orderBy(OUTBOX.ID).fetch(OUTBOX.ATTEMPTS))
                .as("the second waited behind the first, unattempted").containsExactly(2, 1);
    }

    @Test
    void aStepsRepliesWaitBehindAnEarlierMessageOfTheConversationNotSentYet() {
        customerWrites("4915100000032", "one");
        awaitReceived(1);
        UUID conversation = outboxRow().getConversationId();
        // An earlier message that may leave only in two seconds (as one a rate limit postponed).
        dsl.insertInto(OUTBOX).set(OUTBOX.TENANT_ID, owner.tenantId()).set(OUTBOX.CONVERSATION_ID, conversation)
                .set(OUTBOX.IDEMPOTENCY_KEY, "send:" + UUID.randomUUID()).set(OUTBOX.KIND, "MESSAGE")
                .set(OUTBOX.MESSAGE, JSONB.valueOf("{\"type\": \"text\", \"body\": \"Earlier\"}"))
                .set(OUTBOX.NEXT_ATTEMPT_AT, OffsetDateTime.now().plusSeconds(2)).execute();

        customerWrites("4915100000032", "two");

        // The step's reply is not handed straight to the sender: it waits its turn.
        assertThat(awaitReceived(3).stream().map(r -> r.has("text") ? r.path("text").path("body").asString()
                : r.path("interactive").path("body").path("text").asString()))
                .containsExactly("You said: one", "Earlier", "You said: two");
    }

    @Test
    void repliesHandedToAStoppedSenderAreGivenBackAndSentWhenItStarts() {
        sender.stop();
        try {
            customerWrites("4915100000033", "while stopped");
            // Not held under a lease a minute long: waiting for any sender to lease it.
            await().until(() -> outboxRow() != null && "PENDING".equals(outboxRow().getStatus()));
            assertThat(outboxRow().getLeaseUntil()).isNull();
        } finally {
            sender.start();
        }

        assertThat(awaitReceived(1).getFirst().path("interactive").path("body").path("text").asString())
                .isEqualTo("You said: while stopped");
    }

    @Test
    void aMessageWhoseSenderDiedMidCallIsSentOnceItsLeaseRunsOutAndTheOnesBehindItAfterIt() {
        sender.stop();
        try {
            customerWrites("4915100000034", "before the crash");
            await().until(() -> outboxRow() != null && "PENDING".equals(outboxRow().getStatus()));
            // As a sender that leased the reply and died before its outcome was stored leaves it, and a later message behind it.
            var reply = outboxRow();
            dsl.update(OUTBOX).set(OUTBOX.STATUS, "SENDING").set(OUTBOX.LEASE_UNTIL, OffsetDateTime.now().minusSeconds(1))
                    .where(OUTBOX.ID.eq(reply.getId())).execute();
            dsl.insertInto(OUTBOX).set(OUTBOX.TENANT_ID, owner.tenantId()).set(OUTBOX.CONVERSATION_ID, reply.getConversationId())
                    .set(OUTBOX.IDEMPOTENCY_KEY, "send:" + UUID.randomUUID()).set(OUTBOX.KIND, "MESSAGE")
                    .set(OUTBOX.MESSAGE, JSONB.valueOf("{\"type\": \"text\", \"body\": \"After\"}")).execute();
        } finally {
            sender.start();
        }

        assertThat(awaitReceived(2).stream().map(r -> r.has("text") ? r.path("text").path("body").asString()
                : r.path("interactive").path("body").path("text").asString()))
                .containsExactly("You said: before the crash", "After");
        await().until(() -> outboxOf("SENT") + outboxOf("DELIVERED") + outboxOf("READ") == 2);
        assertThat(received()).hasSize(2);
    }

    @Test
    void aBurstTheSenderCannotStartSoonWaitsInTheOutboxUnleasedAndIsAnsweredOnceEach() throws Exception {
        // Every call (read receipt, reply) takes the Cloud API 1.5 s: the burst outgrows the call slots many times over.
        int customers = 200;
        faults("[{\"httpStatus\": 200, \"delayMillis\": 1500, \"count\": " + 2 * customers + "}]");
        // Two waves: the first outgrows the call slots at once, the second comes once the first has waited over a second.
        Thread writing = Thread.ofVirtual().start(() -> {
            writeAtOnce(IntStream.range(0, customers / 2));
            sleep(Duration.ofMillis(1500));
            writeAtOnce(IntStream.range(customers / 2, customers));
        });

        // Once it is behind, replies are no longer handed to it under a lease it may not start in time: they wait unleased.
        int mostUnleased = 0;
        Instant giveUp = Instant.now().plusSeconds(60);
        while (received().size() < customers && Instant.now().isBefore(giveUp)) {
            mostUnleased = Math.max(mostUnleased, outboxOf("PENDING"));
            Thread.sleep(50);
        }
        writing.join();
        assertThat(mostUnleased).isPositive();

        assertThat(received()).extracting(r -> r.path("to").asString() + ": "
                        + r.path("interactive").path("body").path("text").asString())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, customers)
                        .mapToObj(i -> (4915200000000L + i) + ": You said: burst " + i).toList());
        await().until(() -> outboxOf("SENT") + outboxOf("DELIVERED") + outboxOf("READ") == customers);
    }

    /** Each customer writes "burst i", all at the same time, and each webhook is answered. */
    private void writeAtOnce(IntStream customers) {
        try (var writing = Executors.newVirtualThreadPerTaskExecutor()) {
            customers.forEach(i -> writing.execute(() -> customerWrites(String.valueOf(4915200000000L + i), "burst " + i)));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int outboxOf(String status) {
        return dsl.fetchCount(OUTBOX, OUTBOX.TENANT_ID.eq(owner.tenantId()), OUTBOX.STATUS.eq(status));
    }

    @Test
    void aPermanentErrorIsRecordedWithTheCloudApiCode() {
        faults("[{\"httpStatus\": 400, \"code\": 131026, \"message\": \"Message undeliverable\", \"count\": 1}]");

        customerWrites("4915100000003", "hi");

        await().until(() -> "FAILED".equals(outboxRow().getStatus()));
        assertThat(outboxRow().getErrorCode()).isEqualTo(131026);
        assertThat(outboxRow().getErrorMessage()).contains("Message undeliverable");
        assertThat(received()).isEmpty();

        var messages = owner.get("/api/v1/conversations/" + outboxRow().getConversationId() + "/messages").json();
        assertThat(messages.get(0).path("direction").asString()).isEqualTo("OUT");
        assertThat(messages.get(0).path("status").asString()).isEqualTo("FAILED");
        assertThat(messages.get(0).path("errorCode").asInt()).isEqualTo(131026);
        assertThat(messages.get(1).path("direction").asString()).isEqualTo("IN");
        assertThat(messages.get(1).path("content").path("text").asString()).isEqualTo("hi");
    }

    @Test
    void aFreeFormMessageOutsideThe24HourWindowIsRefusedBeforeCallingTheApi() {
        sender.stop();
        try {
            customerWrites("4915100000004", "hi");
            await().until(() -> outboxRow() != null);
            // The customer's last message is two days old by the time the answer would go out.
            dsl.update(CONVERSATIONS).set(CONVERSATIONS.LAST_INBOUND_AT, OffsetDateTime.now().minusDays(2))
                    .where(CONVERSATIONS.CHANNEL_ID.eq(channel)).execute();
        } finally {
            sender.start();
        }

        await().until(() -> "FAILED".equals(outboxRow().getStatus()));
        assertThat(outboxRow().getErrorCode()).isEqualTo(OutboxSender.OUTSIDE_WINDOW);
        assertThat(outboxRow().getErrorMessage()).contains("only a template");
        assertThat(received()).isEmpty();
    }

    @Test
    void aCustomerKnownOnlyByTheirUsernameIsAnsweredByTheirBusinessScopedUserId() {
        var response = api.post("/simulator/numbers/" + number + "/customer-messages",
                Map.of("userId", "BR.1502576394655843", "username", "ada.pizza", "text", "hello from a username"));
        assertThat(response.json().path("webhookStatus").asInt()).isEqualTo(200);

        JsonNode reply = awaitReceived(1).getFirst();
        assertThat(reply.has("to")).isFalse();
        assertThat(reply.path("recipient").asString()).isEqualTo("BR.1502576394655843");
        assertThat(reply.path("interactive").path("body").path("text").asString()).isEqualTo("You said: hello from a username");
        // The statuses name the recipient by recipient_user_id, with recipient_id empty.
        await().until(() -> "READ".equals(outboxRow().getStatus()));
        var conversation = owner.get("/api/v1/conversations/" + outboxRow().getConversationId()).json();
        assertThat(conversation.path("waId").asString()).isEqualTo("BR.1502576394655843");
        assertThat(conversation.path("contact").path("username").asString()).isEqualTo("ada.pizza");
        assertThat(conversation.path("contact").has("phone")).isFalse();
    }

    @Test
    void aMessageDeliveredLateNeverOpensAWindowThatHadClosed() {
        sender.stop();
        try {
            // Meta retried this delivery for a day: the customer wrote 25 hours ago.
            long sent = Instant.now().minus(Duration.ofHours(25)).getEpochSecond();
            byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                    + "\"value\":{\"metadata\":{\"phone_number_id\":\"" + number + "\"},"
                    + "\"contacts\":[{\"profile\":{\"name\":\"Ada\"},\"wa_id\":\"4915100000007\"}],"
                    + "\"messages\":[{\"from\":\"4915100000007\",\"id\":\"wamid.late-" + UUID.randomUUID() + "\",\"timestamp\":\""
                    + sent + "\",\"type\":\"text\",\"text\":{\"body\":\"late\"}}]}}]}]}").getBytes(StandardCharsets.UTF_8);
            var response = api.send(HttpRequest.newBuilder(URI.create(webhookUrl)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", "application/json").header(WebhookSignature.HEADER, WebhookSignature.sign(body, "sim-secret")));
            assertThat(response.status()).isEqualTo(200);
            await().until(() -> outboxRow() != null);

            var conversation = owner.get("/api/v1/conversations/" + outboxRow().getConversationId()).json();
            assertThat(OffsetDateTime.parse(conversation.path("lastInboundAt").asString()).toEpochSecond()).isEqualTo(sent);
            JsonNode message = owner.get("/api/v1/conversations/" + outboxRow().getConversationId() + "/messages").json()
                    .valueStream().filter(m -> m.path("direction").asString().equals("IN")).findFirst().orElseThrow();
            assertThat(OffsetDateTime.parse(message.path("at").asString()).toEpochSecond()).isEqualTo(sent);
            assertThat(OffsetDateTime.parse(message.path("recordedAt").asString())).isAfter(OffsetDateTime.now().minusMinutes(5));
        } finally {
            sender.start();
        }

        await().until(() -> "FAILED".equals(outboxRow().getStatus()));
        assertThat(outboxRow().getErrorCode()).isEqualTo(OutboxSender.OUTSIDE_WINDOW);
        assertThat(received()).isEmpty();
    }

    @Test
    void duplicatedWebhooksAreStoredOnceAndAnsweredOnce() {
        target(true);

        customerWrites("4915100000005", "twice");

        awaitReceived(1);
        await().until(() -> "READ".equals(outboxRow().getStatus()));
        assertThat(received()).hasSize(1);
        assertThat(dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()))).isEqualTo(1);
        assertThat(dsl.fetchCount(MESSAGE_STATUSES, MESSAGE_STATUSES.CHANNEL_ID.eq(channel))).isEqualTo(3);
        // One customer message and three statuses, each delivered twice.
        await().until(() -> dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.CHANNEL_ID.eq(channel)) == 8);
    }

    @Test
    void aMessageBreakingTheCloudApisRulesIsRefusedBeforeSending() {
        sender.stop();
        try {
            customerWrites("4915100000006", "hi");
            await().until(() -> outboxRow() != null);
            dsl.update(OUTBOX).set(OUTBOX.MESSAGE, JSONB.valueOf("""
                    {"type": "buttons", "body": "Pick", "buttons": [{"id": "1", "title": "One"}, {"id": "2", "title": "Two"},
                     {"id": "3", "title": "Three"}, {"id": "4", "title": "Four"}]}
                    """)).where(OUTBOX.TENANT_ID.eq(owner.tenantId())).execute();
        } finally {
            sender.start();
        }

        await().until(() -> "FAILED".equals(outboxRow().getStatus()));
        assertThat(outboxRow().getErrorCode()).isEqualTo(OutboxSender.INVALID_MESSAGE);
        assertThat(outboxRow().getErrorMessage()).contains("buttons must have 1 to 3 entries, has 4");
        assertThat(received()).isEmpty();
    }

    private void target(boolean duplicateWebhooks) {
        api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/simulator/numbers/" + number))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookUrl\": \"" + webhookUrl
                        + "\", \"appSecret\": \"sim-secret\", \"duplicateWebhooks\": " + duplicateWebhooks + "}"))
                .header("Content-Type", "application/json"));
    }

    private void customerWrites(String from, String text) {
        var response = api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", from, "name", "Ada", "text", text));
        assertThat(response.json().path("webhookStatus").asInt()).isEqualTo(200);
    }

    private void faults(String json) {
        assertThat(api.post("/simulator/numbers/" + number + "/faults", json).status()).isEqualTo(200);
    }

    private List<JsonNode> received() {
        return api.get("/simulator/numbers/" + number + "/messages").json().valueStream().toList();
    }

    private List<JsonNode> awaitReceived(int count) {
        await().until(() -> received().size() >= count);
        return received();
    }

    /** The tenant's first outgoing message (read receipts aside). */
    private io.conversa.core.db.jooq.tables.records.OutboxRecord outboxRow() {
        return dsl.selectFrom(OUTBOX).where(OUTBOX.TENANT_ID.eq(owner.tenantId()), OUTBOX.KIND.eq("MESSAGE"))
                .orderBy(OUTBOX.ID).limit(1).fetchOne();
    }

    private ApiClient.Response uploadMedia(String mimeType, String filename, byte[] content) {
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/channels/" + channel
                        + "/media?filename=" + filename))
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).header("Content-Type", mimeType), owner.auth());
    }

    /** Replaces the tenant's default flow. */
    private void connectSameTenantFlow(String flowJson) {
        owner.get("/api/v1/flows").json().valueStream().forEach(f -> owner.delete("/api/v1/flows/" + f.path("id").asString()));
        String flow = owner.post("/api/v1/flows", flowJson).json().path("flow").path("id").asString();
        assertThat(owner.post("/api/v1/flows/" + flow + "/publish", "").status()).isEqualTo(200);
    }
}
