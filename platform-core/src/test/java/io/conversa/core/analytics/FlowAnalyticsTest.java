package io.conversa.core.analytics;

import static io.conversa.core.db.jooq.Tables.STEP_LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.conversation.InboundService;
import io.conversa.core.db.jooq.tables.records.StepLogRecord;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.OutboxTexts;
import io.conversa.core.support.TestFlows;
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

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    @Autowired
    DSLContext dsl;

    @Autowired
    FlowStatsRepository stats;

    ApiClient.Session owner;
    UUID channel;
    String flowId;

    @BeforeEach
    void setUp() {
        owner = new ApiClient(port).signup("Analytics Pizza");
        channel = owner.connectChannel();
        flowId = owner.post("/api/v1/flows", TestFlows.ORDER).json().path("flow").path("id").asString();
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
        OutboxTexts.await(dsl, party, "Hi Customer!", "How many pizzas?", "Please send a number from 1 to 10.", "7 pizzas: a party!");
        OutboxTexts.await(dsl, small, "Hi Customer!", "How many pizzas?", "2 pizzas coming.");
        OutboxTexts.await(dsl, gaveUp, "Hi Customer!", "How many pizzas?");

        // Steps join the counts once settled (seconds after they ran).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(nodes(analytics()).get("done")).isEqualTo("2/0/0"));

        JsonNode analytics = analytics();
        assertThat(nodes(analytics)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "hello", "3/0/0", "howMany", "3/1/1", "big", "2/0/0", "party", "1/0/0", "small", "1/0/0", "done", "2/0/0"));
        Map<String, Long> edges = new HashMap<>();
        analytics.path("edges").forEach(e -> edges.put(e.path("edgeId").asString(), e.path("followed").asLong()));
        assertThat(edges).containsExactlyInAnyOrderEntriesOf(Map.of("1", 3L, "2", 2L, "3", 1L, "4", 1L, "5", 1L, "6", 1L));
    }

    @Test
    void aSliceOfTheStepLogNeverPassesOverAStepNotSettledYet() {
        UUID conversation = say("4915200000004", "pizza");
        OutboxTexts.await(dsl, conversation, "Hi Customer!", "How many pizzas?");
        var logged = dsl.selectFrom(STEP_LOG).where(STEP_LOG.TENANT_ID.eq(owner.tenantId())).limit(1).fetchSingle();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Ids are taken at insert, times at each transaction's start: a lower id can carry a later time.
        long settled = logStep(logged, now.minusMinutes(1));
        logStep(logged, now);
        logStep(logged, now.minusMinutes(1));

        assertThat(stats.sliceEnd(settled - 1, 20_000, now.minus(FlowStatsAggregator.SETTLED))).isEqualTo(settled);
        assertThat(stats.sliceEnd(settled, 20_000, now.minus(FlowStatsAggregator.SETTLED))).isEqualTo(settled);
    }

    private long logStep(StepLogRecord like, OffsetDateTime at) {
        return dsl.insertInto(STEP_LOG).set(STEP_LOG.TENANT_ID, like.getTenantId()).set(STEP_LOG.SESSION_ID, like.getSessionId())
                .set(STEP_LOG.INBOX_ID, like.getInboxId()).set(STEP_LOG.TRACE, like.getTrace())
                .set(STEP_LOG.AT, at).returning(STEP_LOG.ID).fetchSingle().getId();
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
