package io.conversa.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the public side sustains: events pushed to connected clients (and the delay from a
 * customer's webhook to a client's screen), messages sent through {@code POST /api/v1/messages},
 * and webhook deliveries to a receiver. Run with {@code ./conversa bench}; numbers in docs/performance.md.
 */
@ApiTest
@Tag("benchmark")
@TestPropertySource(properties = "conversa.whatsapp.sender.messages-per-second=1000")
class PublicApiBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 20);
    static final int MESSAGES = Integer.getInteger("bench.messages", 400);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void eventsToConnectedClientsAndTheirDelay() throws Exception {
        ApiClient api = new ApiClient(port);
        ApiClient.Session owner = api.signup("Bench events " + UUID.randomUUID());
        String number = String.valueOf(900_000_000_000L + (long) (Math.random() * 90_000_000_000L));
        owner.connectSimulatedNumber(number, "bench-secret");
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger frames = new AtomicInteger();
        List<WebSocket> sockets = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            sockets.add(HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + owner.token())
                    .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/events"), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                var event = JSON.readTree(partial.toString());
                                partial.setLength(0);
                                Long sent = sentAt.get(event.path("data").path("message").path("text").asString(""));
                                if (sent != null) {
                                    delays.add(System.nanoTime() - sent);
                                    frames.incrementAndGet();
                                }
                            }
                            socket.request(1);
                            return null;
                        }
                    }).join());
        }

        long start = System.nanoTime();
        try (ExecutorService customers = Executors.newFixedThreadPool(16)) {
            IntStream.range(0, MESSAGES).forEach(m -> customers.submit(() -> {
                String text = "bench-" + m;
                sentAt.put(text, System.nanoTime());
                api.post("/simulator/numbers/" + number + "/customer-messages",
                        Map.of("from", "4915" + (20_000_000 + m % 50), "name", "C", "text", text));
            }));
        }
        await().atMost(Duration.ofMinutes(5)).until(() -> frames.get() >= MESSAGES * CLIENTS);
        double seconds = (System.nanoTime() - start) / 1e9;
        sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));

        List<Long> sorted = delays.stream().sorted().toList();
        System.out.printf("%n[bench] events: %d messages, %d clients: %.0f events/s delivered; webhook to client p50 %.1f ms, "
                        + "p95 %.1f ms, p99 %.1f ms%n", MESSAGES, CLIENTS, frames.get() / seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99));
        assertThat(frames.get()).isEqualTo(MESSAGES * CLIENTS);
    }

    @Test
    void sendsThroughTheApiAndWebhookDeliveries() throws Exception {
        ApiClient api = new ApiClient(port);
        ApiClient.Session owner = api.signup("Bench sends " + UUID.randomUUID());
        String number = String.valueOf(900_000_000_000L + (long) (Math.random() * 90_000_000_000L));
        String channel = owner.connectSimulatedNumber(number, "bench-secret").path("id").asString();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            owner.post("/api/v1/webhook-subscriptions", Map.of("url", receiver.url(), "events", List.of("message.sent")));
            List<String> customers = IntStream.range(0, 50).mapToObj(i -> "4915" + (30_000_000 + i)).toList();
            customers.forEach(c -> api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", c, "text", "hi")));
            await().until(() -> owner.get("/api/v1/conversations?limit=500").json().path("items").valueStream()
                    .filter(c -> !c.path("lastInboundAt").isNull()).count() == customers.size());

            long start = System.nanoTime();
            try (ExecutorService senders = Executors.newFixedThreadPool(16)) {
                IntStream.range(0, MESSAGES).forEach(m -> senders.submit(() -> owner.post("/api/v1/messages", Map.of(
                        "channelId", channel, "to", customers.get(m % customers.size()), "type", "text", "body", "order " + m))));
            }
            double accepted = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofMinutes(5)).until(() -> api.get("/simulator/numbers/" + number + "/messages").json().size()
                    >= MESSAGES);
            double sent = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofMinutes(5)).until(() -> receiver.accepted().size() >= MESSAGES);
            double delivered = (System.nanoTime() - start) / 1e9;
            System.out.printf("%n[bench] sends: %d messages: %.0f accepted/s by POST /api/v1/messages, %.0f sent/s to the simulator, "
                    + "%.0f message.sent webhooks delivered/s%n", MESSAGES, MESSAGES / accepted, MESSAGES / sent, MESSAGES / delivered);
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * (sorted.size() - 1)))) / 1e6;
    }
}
