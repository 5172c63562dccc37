package io.conversa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.conversation.InboundService;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.OutboxTexts;
import io.conversa.engine.Event.InboundMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A published flow's counts per node and edge, as the step records of real conversations say. */
@ApiTest
class FlowAnalyticsTest {

    static final String ORDER_FLOW = """
            {"name": "Order", "start": "hello", "nodes": [
               {"id": "hello", "type": "message", "data": {"message": {"type": "text", "body": "Hi!"}}},
               {"id": "howMany", "type": "question", "data": {"prompt": {"type": "text", "body": "How many pizzas?"},
                 "variable": "count", "validation": {"kind": "number", "min": 1, "max": 10},
                 "retryMessage": "Please send a number from 1 to 10.", "maxRetries": 2}},
               {"id": "big", "type": "condition", "data": {"rules": [{"id": "party",
                 "comparisons": [{"left": "{{count}}", "operator": "greater_than", "right": "5"}]}]}},
               {"id": "party", "type": "message", "data": {"message": {"type": "text", "body": "A party!"}}},
               {"id": "small", "type": "message", "data": {"message": {"type": "text", "body": "Coming."}}},
               {"id": "done", "type": "end", "data": {}}],
             "edges": [{"id": "e1", "source": "hello", "target": "howMany"}, {"id": "e2", "source": "howMany", "target": "big"},
               {"id": "e3", "source": "big", "sourceHandle": "party", "target": "party"},
               {"id": "e4", "source": "big", "sourceHandle": "else", "target": "small"},
               {"id": "e5", "source": "party", "target": "done"}, {"id": "e6", "source": "small", "target": "done"}],
             "triggers": {"keywords": ["pizza"]}}
            """;

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    @Autowired
    DSLContext dsl;

    ApiClient.Session owner;
    UUID channel;
    String flowId;

    @BeforeEach
    void setUp() {
        owner = new ApiClient(port).signup("Analytics Pizza");
        channel = owner.connectChannel();
        flowId = owner.post("/api/v1/flows", ORDER_FLOW).json().path("flow").path("id").asString();
        assertThat(owner.post("/api/v1/flows/" + flowId + "/publish", "").status()).isEqualTo(200);
    }

    @Test
    void eachNodeAndEdgeCountsTheSessionsThatPassedAndWhereTheyStopped() {
        UUID party = say("4915200000001", "pizza");
        say("4915200000001", "lots");
        say("4915200000001", "7");
        UUID small = say("4915200000002", "pizza");
        say("4915200000002", "2");
        UUID gaveUp = say("4915200000003", "pizza");
        OutboxTexts.await(dsl, party, "Hi!", "How many pizzas?", "Please send a number from 1 to 10.", "A party!");
        OutboxTexts.await(dsl, small, "Hi!", "How many pizzas?", "Coming.");
        OutboxTexts.await(dsl, gaveUp, "Hi!", "How many pizzas?");

        // Steps join the counts once settled (seconds after they ran).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(nodes(analytics()).get("done")).isEqualTo("2/0/0"));

        JsonNode analytics = analytics();
        assertThat(nodes(analytics)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "hello", "3/0/0", "howMany", "3/1/1", "big", "2/0/0", "party", "1/0/0", "small", "1/0/0", "done", "2/0/0"));
        Map<String, Long> edges = new HashMap<>();
        analytics.path("edges").forEach(e -> edges.put(e.path("edgeId").asString(), e.path("followed").asLong()));
        assertThat(edges).containsExactlyInAnyOrderEntriesOf(Map.of("e1", 3L, "e2", 2L, "e3", 1L, "e4", 1L, "e5", 1L, "e6", 1L));
    }

    @Test
    void anUnknownVersionOrABackwardPeriodIsRefusedWithTheReason() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var unknown = owner.get("/api/v1/flows/" + flowId + "/versions/9/analytics?from=" + now.minusDays(1) + "&to=" + now);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asString()).contains("has no version 9");

        var backward = owner.get("/api/v1/flows/" + flowId + "/versions/1/analytics?from=" + now + "&to=" + now.minusDays(1));
        assertThat(backward.status()).isEqualTo(400);
        assertThat(backward.body()).contains("to", "must be after from");

        var otherTenant = new ApiClient(port).signup("Someone else");
        assertThat(otherTenant.get("/api/v1/flows/" + flowId + "/versions/1/analytics?from=" + now.minusDays(1) + "&to=" + now)
                .status()).isEqualTo(404);
    }

    private JsonNode analytics() {
        OffsetDateTime hour = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        var response = owner.get("/api/v1/flows/" + flowId + "/versions/1/analytics?from=" + hour.minusHours(1) + "&to="
                + hour.plusHours(1));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** Per node: entered/invalid answers/stopped here. */
    private static Map<String, String> nodes(JsonNode analytics) {
        Map<String, String> nodes = new HashMap<>();
        analytics.path("nodes").forEach(n -> nodes.put(n.path("nodeId").asString(),
                n.path("entered").asLong() + "/" + n.path("invalidAnswers").asLong() + "/" + n.path("stoppedHere").asLong()));
        return nodes;
    }

    private UUID say(String waId, String text) {
        return inbound.receive(owner.tenantId(), channel, waId, "Customer",
                InboundMessage.text("wamid." + UUID.randomUUID(), text)).conversationId();
    }
}
