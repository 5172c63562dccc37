package io.conversa.core.event;

import static io.conversa.core.db.jooq.Tables.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event log through its two doors, the WebSocket stream and the catch-up call: what a
 * customer's message and the bot's answer record, in order, resumable, per tenant, and nothing
 * missed when many transactions commit at once.
 */
@ApiTest
class EventStreamTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ECHO = """
            {"name": "Echo", "start": "echo", "nodes": [
               {"id": "echo", "type": "message", "data": {"message": {"type": "text", "body": "You said: {{message.text}}"}}},
               {"id": "human", "type": "handoff", "data": {}}],
             "edges": [{"id": "e", "source": "echo", "target": "human"}],
             "triggers": {"defaultFlow": true}}
            """;

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    EventLogCleaner cleaner;

    ApiClient api;
    ApiClient.Session owner;
    String number;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Events");
        number = String.valueOf(500_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        owner.connectSimulatedNumber(number, "event-secret");
        String flow = owner.post("/api/v1/flows", ECHO).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");
    }

    @Test
    void aConversationsFactsArriveOnTheStreamInOrder() throws Exception {
        Frames frames = connect(owner, null);

        customerWrites("4915100000101", "hello");

        await().untilAsserted(() -> assertThat(frames.types()).contains("message.received", "message.sent",
                "conversation.handed_off", "contact.updated"));
        await().untilAsserted(() -> assertThat(frames.statuses()).contains("DELIVERED", "READ"));
        JsonNode received = frames.first("message.received");
        assertThat(received.path("data").path("waId").asString()).isEqualTo("4915100000101");
        assertThat(received.path("data").path("message").path("text").asString()).isEqualTo("hello");
        assertThat(received.path("conversationId").asString()).isEqualTo(received.path("data").path("conversationId").asString());
        List<String> types = frames.types();
        assertThat(types.indexOf("message.received")).isLessThan(types.indexOf("message.sent"));
        assertThat(frames.positions()).isSorted();
        frames.close();
    }

    @Test
    void aClientResumesAfterTheLastPositionItSawAndMissesNothing() throws Exception {
        Frames first = connect(owner, null);
        customerWrites("4915100000102", "one");
        await().untilAsserted(() -> assertThat(first.types()).contains("message.received"));
        String last = first.last().path("position").asString();
        first.close();

        customerWrites("4915100000102", "two");
        Frames resumed = connect(owner, last);

        await().untilAsserted(() -> assertThat(resumed.texts()).contains("two"));
        assertThat(resumed.texts()).doesNotContain("one");
        assertThat(resumed.positions()).allMatch(p -> p.compareTo(EventPosition.parse(last)) > 0);
        resumed.close();
    }

    @Test
    void theCatchUpCallPagesThroughTheSameEvents() {
        customerWrites("4915100000103", "page me");
        // The last fact of this conversation: the bot's answer was read.
        await().untilAsserted(() -> assertThat(events(null, 500)).anyMatch(e -> e.path("data").path("status").asString("").equals("READ")));

        List<JsonNode> all = events(null, 500);
        List<JsonNode> paged = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 100; i++) {
            JsonNode page = owner.get("/api/v1/events?limit=2" + (after == null ? "" : "&after=" + after)).json();
            page.path("events").forEach(paged::add);
            if (page.path("events").isEmpty()) {
                break;
            }
            after = page.path("next").asString();
        }
        assertThat(paged.stream().map(e -> e.path("id").asString()).toList())
                .containsExactlyElementsOf(all.stream().map(e -> e.path("id").asString()).toList());
    }

    @Test
    void aTenantSeesOnlyItsOwnEvents() throws Exception {
        ApiClient.Session stranger = api.signup("Stranger");
        Frames theirs = connect(stranger, null);

        customerWrites("4915100000104", "private");

        await().untilAsserted(() -> assertThat(events(null, 500)).isNotEmpty());
        Thread.sleep(1500);
        assertThat(theirs.frames).isEmpty();
        assertThat(stranger.get("/api/v1/events").json().path("events").isEmpty()).isTrue();
        theirs.close();
    }

    @Test
    void manyTransactionsCommittingAtOnceLoseNoEvent() throws Exception {
        Frames frames = connect(owner, null);
        int customers = 12;
        int messages = 5;
        try (ExecutorService pool = Executors.newFixedThreadPool(customers)) {
            IntStream.range(0, customers).forEach(c -> pool.submit(() -> {
                for (int m = 0; m < messages; m++) {
                    customerWrites("49151000002" + String.format("%02d", c), "c" + c + "m" + m);
                }
            }));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(frames.texts()).hasSize(customers * messages));
        assertThat(new HashSet<>(frames.texts())).hasSize(customers * messages);
        assertThat(frames.positions()).isSorted();
        List<String> ids = frames.ids(); // one snapshot: the workers' events may still be arriving
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        frames.close();
    }

    @Test
    void eventsPastTheRetentionAreDeletedAndTheRestKept() {
        customerWrites("4915100000106", "keep me");
        await().untilAsserted(() -> assertThat(events(null, 500)).hasSizeGreaterThanOrEqualTo(2));
        List<JsonNode> before = events(null, 500);
        UUID old = UUID.fromString(before.getFirst().path("id").asString());
        dsl.update(EVENTS).set(EVENTS.OCCURRED_AT, OffsetDateTime.now().minusDays(31)).where(EVENTS.EVENT_ID.eq(old)).execute();

        assertThat(cleaner.deleteExpired()).isGreaterThanOrEqualTo(1);

        List<String> after = events(null, 500).stream().map(e -> e.path("id").asString()).toList();
        assertThat(after).doesNotContain(old.toString()).contains(before.get(1).path("id").asString());
    }

    @Test
    void badPositionsAndMissingCredentialsAreRefused() {
        assertThat(owner.get("/api/v1/events?after=yesterday").status()).isEqualTo(400);
        assertThat(owner.get("/api/v1/events?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/events").status()).isEqualTo(401);
        assertThat(handshakeStatus(owner.token(), "yesterday")).isEqualTo(400);
        assertThat(handshakeStatus(null, null)).isEqualTo(401);
    }

    @Test
    void aBrowserMayPassItsTokenAsAParameter() throws Exception {
        Frames frames = new Frames();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/events?access_token=" + owner.token()), frames).join();
        frames.socket = socket;

        customerWrites("4915100000105", "from a browser");

        await().untilAsserted(() -> assertThat(frames.texts()).contains("from a browser"));
        frames.close();
    }

    private List<JsonNode> events(String after, int limit) {
        return owner.get("/api/v1/events?limit=" + limit + (after == null ? "" : "&after=" + after)).json()
                .path("events").valueStream().toList();
    }

    private void customerWrites(String from, String text) {
        var response = api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", from, "name", "Ada", "text", text));
        assertThat(response.json().path("webhookStatus").asInt()).isEqualTo(200);
    }

    private Frames connect(ApiClient.Session session, String after) {
        Frames frames = new Frames();
        frames.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + session.token())
                .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/events" + (after == null ? "" : "?after=" + after)), frames)
                .join();
        return frames;
    }

    private int handshakeStatus(String token, String after) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            builder.buildAsync(URI.create("ws://localhost:" + port + "/api/v1/events" + (after == null ? "" : "?after=" + after)),
                    new Frames()).join().abort();
            return 101;
        } catch (CompletionException e) {
            return e.getCause() instanceof WebSocketHandshakeException handshake ? handshake.getResponse().statusCode() : -1;
        }
    }

    /** What a stream client received: one event per text frame. */
    static final class Frames implements WebSocket.Listener {

        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        List<String> types() {
            return frames.stream().map(f -> f.path("type").asString()).toList();
        }

        List<String> ids() {
            return frames.stream().map(f -> f.path("id").asString()).toList();
        }

        List<EventPosition> positions() {
            return frames.stream().map(f -> EventPosition.parse(f.path("position").asString())).toList();
        }

        List<String> texts() {
            return frames.stream().filter(f -> f.path("type").asString().equals("message.received"))
                    .map(f -> f.path("data").path("message").path("text").asString()).toList();
        }

        List<String> statuses() {
            return frames.stream().filter(f -> f.path("type").asString().equals("message.status"))
                    .map(f -> f.path("data").path("status").asString()).toList();
        }

        JsonNode first(String type) {
            return frames.stream().filter(f -> f.path("type").asString().equals(type)).findFirst().orElseThrow();
        }

        JsonNode last() {
            return frames.getLast();
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
