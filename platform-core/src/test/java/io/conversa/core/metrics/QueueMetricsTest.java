package io.conversa.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiTest;
import io.conversa.core.support.SimulatedTenantTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The queues an operator scales on are Prometheus gauges, per tenant and number; steps and sends are timed. */
@ApiTest
class QueueMetricsTest extends SimulatedTenantTest {

    @Autowired
    QueueMetrics metrics;

    @Test
    void aMessageTheCloudApiKeepsRefusingShowsAsPendingWithItsAge() {
        api.post("/simulator/numbers/" + number + "/faults", List.of(Map.of("httpStatus", 500, "code", 131000, "count", 1000)));
        var queued = owner.post("/api/v1/messages", Map.of("channelId", channel, "to", "5511977776666", "type", "template",
                "name", "welcome", "language", "pt_BR"));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);

        await().untilAsserted(() -> {
            metrics.refresh();
            String scraped = api.get("/actuator/prometheus").body();
            assertThat(scraped).contains("conversa_outbox_pending{channel=\"" + channel + "\",tenant=\"" + owner.tenantId() + "\"} 1.0");
            assertThat(scraped).contains("conversa_outbox_oldest_age_seconds{channel=\"" + channel + "\"");
            // Each refused call is timed by the Cloud API's answer.
            assertThat(scraped).containsPattern("conversa_send_latency_seconds_count\\{answer=\"retry\",code=\"131000\"} [1-9]");
        });
    }

    @Test
    void eachStepIsTimedFromItsEventsArrivalAndUndeliveredEventsAreCounted() {
        // A receiver that never answers: the customer's message waits for it.
        assertThat(owner.post("/api/v1/webhook-subscriptions", Map.of("url", "http://127.0.0.1:1/hooks", "events",
                List.of("message.received"))).status()).isEqualTo(201);
        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", "5511977775555", "text", "hi"));
        await().untilAsserted(() -> {
            metrics.refresh();
            assertThat(api.get("/actuator/prometheus").body())
                    .containsPattern("conversa_step_latency_seconds_count\\{kind=\"MESSAGE\"} [1-9]")
                    .contains("conversa_step_latency_seconds_bucket{kind=\"MESSAGE\",le=")
                    .contains("conversa_webhooks_deliveries_pending{tenant=\"" + owner.tenantId() + "\"} 1.0");
        });
    }
}
