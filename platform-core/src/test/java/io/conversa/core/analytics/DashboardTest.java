package io.conversa.core.analytics;

import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiTest;
import io.conversa.core.support.SimulatedTenantTest;
import io.conversa.core.support.TestFlows;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dashboard counts what happened: conversations, messages, sessions, handoffs, agents' times, failed sends. */
@ApiTest
class DashboardTest extends SimulatedTenantTest {

    @Test
    void aPeriodsFiguresBesideThePeriodBefore() {
        String flow = owner.post("/api/v1/flows", TestFlows.HANDOFF).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");
        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", "5511966665555", "name", "Rita", "text", "help"));
        String conversation = await().until(() -> owner.get("/api/v1/conversations?handedOff=true").json().path("items").path(0)
                .path("id").asString(null), id -> id != null);
        String path = "/api/v1/conversations/" + conversation;
        owner.post(path + "/assign", Map.of());
        owner.post(path + "/messages", Map.of("type", "text", "body", "Hello Rita"));
        owner.post(path + "/close", "");
        owner.post(path + "/release", "");
        await().until(() -> sent().contains("The bot is back."));
        api.post("/simulator/numbers/" + number + "/faults", List.of(Map.of("httpStatus", 400, "code", 131026, "count", 1)));
        owner.post("/api/v1/messages", Map.of("channelId", channel, "to", "5511955554444", "type", "template",
                "name", "welcome", "language", "pt_BR"));
        await().until(() -> failed() > 0);

        OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime from = to.minusDays(1);
        JsonNode dashboard = owner.get("/api/v1/analytics/dashboard?from=" + from + "&to=" + to + "&channelId=" + channel).json();
        JsonNode current = dashboard.path("current");
        assertThat(current.path("conversationsStarted").asLong()).isEqualTo(2);
        assertThat(current.path("messagesIn").asLong()).isEqualTo(1);
        assertThat(current.path("messagesOut").asLong()).isEqualTo(4);
        assertThat(current.path("handoffs").asLong()).isEqualTo(1);
        assertThat(current.path("sessionsEnded").asLong()).isEqualTo(1);
        assertThat(current.path("completionRate").asDouble()).isEqualTo(1.0);
        assertThat(current.path("medianFirstResponseSeconds").asDouble()).isNotNegative();
        assertThat(current.path("medianResolutionSeconds").asDouble()).isNotNegative();
        assertThat(current.path("failedSendsByCode").path("131026").asLong()).isEqualTo(1);
        JsonNode previous = dashboard.path("previous");
        assertThat(previous.path("messagesIn").asLong()).isZero();
        assertThat(previous.path("completionRate").isNull()).isTrue();
        assertThat(previous.path("medianFirstResponseSeconds").isNull()).isTrue();
        assertThat(current.path("failedSends").asLong()).isEqualTo(1);

        // Over time: a slice per hour for a day, whose figures add up to the period's, beside the day before.
        assertThat(dashboard.path("slice").asString()).isEqualTo("HOUR");
        JsonNode series = dashboard.path("series");
        assertThat(series).hasSize(24);
        assertThat(OffsetDateTime.parse(series.path(0).path("start").asString())).isEqualTo(from);
        assertThat(dashboard.path("previousSeries")).hasSize(24);
        for (String figure : List.of("conversationsStarted", "messagesIn", "messagesOut", "handoffs", "sessionsEnded", "failedSends")) {
            assertThat(series.valueStream().mapToLong(point -> point.path("kpis").path(figure).asLong()).sum())
                    .as(figure).isEqualTo(current.path(figure).asLong());
        }
        assertThat(series.path(23).path("kpis").path("messagesIn").asLong()).isEqualTo(1);
        JsonNode week = owner.get("/api/v1/analytics/dashboard?from=" + to.minusDays(7) + "&to=" + to).json();
        assertThat(week.path("slice").asString()).isEqualTo("DAY");
        assertThat(week.path("series")).hasSize(7);
        assertThat(week.path("series").path(6).path("kpis").path("messagesOut").asLong()).isEqualTo(4);

        // Another tenant sees nothing of it; bad periods are refused with the reason.
        assertThat(api.signup("Other").get("/api/v1/analytics/dashboard?from=" + from + "&to=" + to).json()
                .path("current").path("messagesIn").asLong()).isZero();
        assertThat(owner.get("/api/v1/analytics/dashboard?from=" + to + "&to=" + from).json().path("detail").asString())
                .contains("to must be after from");
        assertThat(owner.get("/api/v1/analytics/dashboard?from=" + to.minusYears(2) + "&to=" + to).status()).isEqualTo(400);
        assertThat(owner.get("/api/v1/analytics/dashboard?from=yesterday&to=" + to).status()).isEqualTo(400);
    }

    private String sent() {
        return api.get("/simulator/numbers/" + number + "/messages").body();
    }

    private long failed() {
        return dsl.fetchCount(OUTBOX, OUTBOX.STATUS.eq("FAILED"), OUTBOX.TENANT_ID.eq(owner.tenantId()));
    }
}
