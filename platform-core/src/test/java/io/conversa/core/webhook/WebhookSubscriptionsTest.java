package io.conversa.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.WebhookReceiver;
import io.conversa.core.support.WebhookReceiver.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound webhooks against a real HTTP receiver with faults: signed, in order, at least once,
 * retried with growing delays, dead-lettered and disabled when the receiver stays down,
 * redeliverable. Retries are fast and the give-up time short in tests (application.properties).
 */
@ApiTest
class WebhookSubscriptionsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    ApiClient api;
    ApiClient.Session owner;
    String number;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        owner = api.signup("Hooks " + UUID.randomUUID());
        number = String.valueOf(700_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        owner.connectSimulatedNumber(number, "hook-secret");
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void subscribedEventsArriveSignedWithTheSecretShownOnce() throws Exception {
        var created = subscribe(List.of("message.received"));
        String secret = created.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        String id = created.path("subscription").path("id").asString();
        assertThat(owner.get("/api/v1/webhook-subscriptions/" + id).body()).doesNotContain(secret);

        customerWrites("4915100000401", "hello hooks");

        await().untilAsserted(() -> assertThat(receiver.accepted()).hasSize(1));
        WebhookReceiver.Request request = receiver.accepted().getFirst();
        JsonNode event = JSON.readTree(request.body());
        assertThat(event.path("type").asString()).isEqualTo("message.received");
        assertThat(event.path("data").path("message").path("text").asString()).isEqualTo("hello hooks");
        assertThat(request.header("Conversa-Event-Id")).isEqualTo(event.path("id").asString());
        assertThat(request.header("Conversa-Signature")).isEqualTo(documentedSignature(secret, request));
        // Only what was subscribed: the session and status events of the same conversation are not sent.
        Thread.sleep(500);
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aFailingReceiverGetsEveryEventInOrderOnceItRecovers() {
        subscribe(List.of("message.received"));
        receiver.fail(new Fault.Status(500), new Fault.Slow(1500), new Fault.Drop(), new Fault.Status(503));

        for (int i = 1; i <= 3; i++) {
            customerWrites("4915100000402", "in order " + i);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.accepted()).hasSize(3));
        assertThat(receiver.accepted().stream().map(r -> JSON.readTree(r.body()).path("data").path("message").path("text").asString()))
                .containsExactly("in order 1", "in order 2", "in order 3");
        List<WebhookReceiver.Request> all = receiver.requests();
        // The first event was tried five times, the delays between tries growing.
        String first = JSON.readTree(all.getFirst().body()).path("id").asString();
        List<WebhookReceiver.Request> tries = all.stream().filter(r -> JSON.readTree(r.body()).path("id").asString().equals(first)).toList();
        assertThat(tries).hasSize(5);
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        JsonNode attempts = owner.get("/api/v1/webhook-subscriptions/" + subscriptionId() + "/attempts").json().path("items");
        assertThat(attempts.valueStream().map(a -> a.path("outcome").asString()).filter("FAILED"::equals)).hasSize(4);
        assertThat(attempts.valueStream().filter(a -> a.path("outcome").asString().equals("FAILED")).map(a -> a.path("statusCode")))
                .anyMatch(JsonNode::isNull);
    }

    @Test
    void aReceiverThatStaysDownGetsDeadLettersThenIsDisabledAndCanBeRedeliveredTo() {
        subscribe(List.of("message.received"));
        receiver.failAlways(new Fault.Status(500));

        for (int i = 1; i <= 3; i++) {
            customerWrites("4915100000403", "lost " + i);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(owner.get("/api/v1/webhook-subscriptions/"
                + subscriptionId()).json().path("status").asString()).isEqualTo("DISABLED"));
        JsonNode subscription = owner.get("/api/v1/webhook-subscriptions/" + subscriptionId()).json();
        assertThat(subscription.path("disabledReason").asString()).contains("could not be delivered");
        // The owners are told: in the event stream and in the audit log, by Conversa itself.
        assertThat(owner.get("/api/v1/events?limit=500").json().path("events").valueStream()
                .filter(e -> e.path("type").asString().equals("webhook_subscription.disabled"))
                .map(e -> e.path("data").path("subscriptionId").asString())).containsExactly(subscriptionId());
        assertThat(owner.get("/api/v1/audit-events").json().path("items").valueStream()
                .filter(e -> e.path("action").asString().equals("webhook_subscription.disabled")).findFirst().orElseThrow()
                .path("userAgent").asString()).isEqualTo("conversa");
        List<JsonNode> deadLetters = owner.get("/api/v1/webhook-subscriptions/" + subscriptionId() + "/attempts").json().path("items")
                .valueStream().filter(a -> a.path("outcome").asString().equals("DEAD_LETTER")).toList();
        assertThat(deadLetters).hasSize(3);

        receiver.heal();
        JsonNode redelivered = owner.post("/api/v1/webhook-subscriptions/" + subscriptionId() + "/attempts/"
                + deadLetters.getLast().path("id").asLong() + "/redeliver", "").json();
        assertThat(redelivered.path("outcome").asString()).isEqualTo("DELIVERED");
        assertThat(receiver.accepted()).hasSize(1);
        assertThat(owner.patch("/api/v1/webhook-subscriptions/" + subscriptionId(), Map.of("active", true)).json()
                .path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void badSubscriptionsAreRefusedAndOthersAreNotFound() {
        var noEvents = owner.post("/api/v1/webhook-subscriptions", Map.of("url", receiver.url(), "events", List.of()));
        var unknown = owner.post("/api/v1/webhook-subscriptions", Map.of("url", receiver.url(), "events", List.of("message.teleported")));
        var notAUrl = owner.post("/api/v1/webhook-subscriptions", Map.of("url", "ftp://example.com/x", "events", List.of("flow.published")));

        assertThat(noEvents.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("events[0]");
        assertThat(notAUrl.status()).isEqualTo(400);
        assertThat(notAUrl.json().path("detail").asString()).contains("https");
        String id = subscribe(List.of("flow.published")).path("subscription").path("id").asString();
        ApiClient.Session stranger = api.signup("Stranger");
        assertThat(stranger.get("/api/v1/webhook-subscriptions/" + id).status()).isEqualTo(404);
        assertThat(owner.addMember("AGENT").get("/api/v1/webhook-subscriptions").status()).isEqualTo(403);
    }

    @Test
    void publicDestinationsOnlyUnlessTheOperatorAllowsPrivateOnes() {
        WebhookDestinations strict = new WebhookDestinations(new WebhookProperties(false, 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(24), 5, Duration.ofMinutes(2)));

        assertThat(refusal(strict, "http://example.com/hook")).isEqualTo("must be an https URL");
        assertThat(refusal(strict, "https://127.0.0.1/hook")).startsWith("must be a public address");
        assertThat(refusal(strict, "https://localhost/hook")).startsWith("must be a public address");
        assertThat(refusal(strict, "https://10.1.2.3/hook")).startsWith("must be a public address");
        assertThat(strict.refusal("https://169.254.169.254/latest/meta-data")).isPresent();
        assertThat(refusal(strict, "https://user:pw@93.184.215.14/hook")).contains("credentials");
        assertThat(strict.refusal("https://93.184.215.14/hook")).isEmpty();
        assertThat(strict.refusal("not a url at all")).isPresent();
    }

    private static String refusal(WebhookDestinations destinations, String url) {
        return destinations.refusal(url).orElseThrow().message(Locale.ENGLISH);
    }

    /** The recipe docs/api.md gives receivers: HMAC-SHA256 over "<t>.<raw body>" with the secret, hex. */
    private static String documentedSignature(String secret, WebhookReceiver.Request request) throws Exception {
        String t = request.header("Conversa-Signature").replaceAll("^t=(\\d+),.*$", "$1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode subscribe(List<String> events) {
        var created = owner.post("/api/v1/webhook-subscriptions", Map.of("url", receiver.url(), "events", events,
                "description", "CRM"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private String subscriptionId() {
        return owner.get("/api/v1/webhook-subscriptions").json().get(0).path("id").asString();
    }

    private void customerWrites(String from, String text) {
        var response = api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", from, "name", "Ada", "text", text));
        assertThat(response.json().path("webhookStatus").asInt()).isEqualTo(200);
    }
}
