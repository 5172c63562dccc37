package io.conversa.core.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Customers write through signed webhooks into a flow that answers each message; the replies
 * leave through the sender to the Cloud API simulator, which also sends status webhooks back.
 * Reports webhook acknowledgements per second, replies per second and the latency from sending a
 * webhook to its reply reaching the simulator. Run with {@code ./conversa bench}.
 */
@ApiTest
@Tag("benchmark")
// A number upgraded to the Cloud API's highest throughput tier, so the limit measured is Conversa's.
@TestPropertySource(properties = "conversa.whatsapp.sender.messages-per-second=1000")
class EndToEndBenchmark {

    /** Every message is answered with "You said ...": the first by the greeting, the rest by the question loop. */
    static final String ECHO = """
            {"name": "Echo", "start": "first", "nodes": [
               {"id": "first", "type": "message", "data": {"message": {"type": "text", "body": "You said {{message.text}}"}}},
               {"id": "ask", "type": "question", "data": {"prompt": {"type": "text", "body": "Say something"}, "variable": "said"}},
               {"id": "echo", "type": "message", "data": {"message": {"type": "text", "body": "You said {{said}}"}}},
               {"id": "again", "type": "jump", "data": {"nodeId": "ask"}}],
             "edges": [{"id": "0", "source": "first", "target": "ask"}, {"id": "1", "source": "ask", "target": "echo"},
                       {"id": "2", "source": "echo", "target": "again"}],
             "triggers": {"defaultFlow": true}}
            """;

    static final int CUSTOMERS = Integer.getInteger("bench.customers", 100);
    static final int MESSAGES = Integer.getInteger("bench.messages", 10);
    /** -Dbench.statuses=false: the simulator sends no status webhooks (to see what they cost). */
    static final boolean STATUSES = Boolean.parseBoolean(System.getProperty("bench.statuses", "true"));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void webhooksInRepliesOut() throws Exception {
        ApiClient api = new ApiClient(port);
        var owner = api.signup("E2E benchmark");
        String flow = owner.post("/api/v1/flows", ECHO).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");
        run(api, owner, CUSTOMERS / 4, MESSAGES, false);
        run(api, owner, CUSTOMERS, MESSAGES, true);
    }

    private void run(ApiClient api, ApiClient.Session owner, int customers, int messages, boolean report) throws Exception {
        String number = String.valueOf(300_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        var channel = owner.connectSimulatedChannel(number, "bench-secret");
        String webhookUrl = channel.path("webhookUrl").asString();
        api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/simulator/numbers/" + number))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookUrl\": \"" + webhookUrl + "\", \"appSecret\": \"bench-secret\", \"sendStatuses\": " + STATUSES + "}"))
                .header("Content-Type", "application/json"));

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> ackMillis = Collections.synchronizedList(new ArrayList<>());
        long start = System.currentTimeMillis();
        try (var pool = Executors.newFixedThreadPool(32)) {
            List<Future<?>> customersDone = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                String from = String.valueOf(4915000000000L + c);
                int customer = c;
                customersDone.add(pool.submit(() -> {
                    for (int m = 0; m < messages; m++) {
                        String text = "c" + customer + "m" + m;
                        long before = System.currentTimeMillis();
                        sentAt.put(text, before);
                        int status = webhook(webhookUrl, number, from, text);
                        ackMillis.add(System.currentTimeMillis() - before);
                        assertThat(status).isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> done : customersDone) {
                done.get();
            }
        }
        long acked = System.currentTimeMillis();
        int expected = customers * messages;
        List<JsonNode> outgoing;
        List<JsonNode> replies;
        do {
            Thread.sleep(250);
            outgoing = api.get("/simulator/numbers/" + number + "/messages").json().valueStream().toList();
            replies = outgoing.stream().filter(r -> r.path("text").path("body").asString("").startsWith("You said ")).toList();
        } while (replies.size() < expected && System.currentTimeMillis() - acked < 300_000);
        long done = replies.stream().mapToLong(r -> r.path("receivedAt").asLong()).max().orElse(acked);
        if (!report) {
            return;
        }
        List<Long> latencies = replies.stream()
                .map(r -> r.path("receivedAt").asLong() - sentAt.get(r.path("text").path("body").asString().substring("You said ".length())))
                .sorted().toList();
        List<Long> acks = ackMillis.stream().sorted().toList();
        System.out.printf("%nEND-TO-END BENCHMARK: %d customers x %d messages = %d webhooks%n", customers, messages, expected);
        System.out.printf("  webhook acknowledgements: %.0f/s (ack latency p50 %d ms, p99 %d ms)%n",
                expected / ((acked - start) / 1000.0), pct(acks, 50), pct(acks, 99));
        System.out.printf("  replies at the simulator:  %d of %d, %.0f/s (all outgoing messages, prompts too: %.0f/s)%n",
                replies.size(), expected, replies.size() / ((done - start) / 1000.0), outgoing.size() / ((done - start) / 1000.0));
        System.out.printf("  webhook sent -> reply received: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n%n",
                pct(latencies, 50), pct(latencies, 95), pct(latencies, 99), latencies.getLast());
        assertThat(replies).hasSize(expected);
    }

    private int webhook(String url, String number, String from, String text) throws Exception {
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"" + number + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Customer\"},\"wa_id\":\"" + from + "\"}],"
                + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"wamid." + UUID.randomUUID() + "\",\"timestamp\":\"1749416383\","
                + "\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]}}]}]}").getBytes(StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(body, "bench-secret")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long pct(List<Long> sorted, int percentile) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
