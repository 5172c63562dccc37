package io.conversa.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ConversaProcesses;
import io.conversa.core.support.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversa killed ({@code kill -9}) in the middle of delivering a subscription's events and started
 * again: every event reaches the receiver, in order, the one in flight at the crash possibly twice.
 */
class WebhookRestartTest {

    private static final String DEMO_NUMBER = "100000000000001";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path home;

    private ConversaProcesses processes;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (processes != null) {
            processes.stopAll();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aCrashMidDeliveryLosesNothing() throws Exception {
        processes = new ConversaProcesses(home);
        receiver = new WebhookReceiver();
        int port = ConversaProcesses.freePort();
        String[] arguments = {"--conversa.embedded-database.data-directory=" + home.resolve("postgres"),
                "--conversa.demo.enabled=true", "--conversa.webhooks.lease=3s"};
        Process first = processes.start(port, arguments);
        ApiClient api = new ApiClient(port);
        ApiClient.Session owner = api.login("demo@conversa.local", "conversa-demo");
        assertThat(owner.post("/api/v1/webhook-subscriptions", Map.of("url", receiver.url(), "events", List.of("message.received")))
                .status()).isEqualTo(201);
        // Each delivery takes a while: the crash comes while the subscription is being worked through.
        receiver.failAlways(new WebhookReceiver.Fault.Slow(150));
        for (int i = 0; i < 12; i++) {
            api.post("/simulator/numbers/" + DEMO_NUMBER + "/customer-messages",
                    Map.of("from", "4915100008" + (100 + i), "name", "Ida", "text", "before the crash " + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() >= 3);

        first.destroyForcibly().waitFor();
        int deliveredBeforeCrash = receiver.requests().size();
        processes.start(port, arguments);

        ApiClient.Session again = api.login("demo@conversa.local", "conversa-demo");
        List<String> expected = again.get("/api/v1/events?limit=500").json().path("events").valueStream()
                .filter(e -> e.path("type").asString().equals("message.received")).map(e -> e.path("id").asString()).toList();
        assertThat(expected).hasSize(12);
        assertThat(deliveredBeforeCrash).isLessThan(12);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(receivedIds()).containsAll(expected));
        assertThat(List.copyOf(receivedIds())).containsExactlyElementsOf(expected);
    }

    /** The event ids the receiver got, in the order they first came. */
    private Set<String> receivedIds() {
        Set<String> ids = new LinkedHashSet<>();
        receiver.requests().forEach(r -> ids.add(JSON.readTree(r.body()).path("id").asString()));
        return ids;
    }
}
