package io.conversa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.TestFlows;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Per-flow analytics on a tenant with a million step records (trace entries, in three steps a session): how fast the aggregation catches up
 * with them, and the time per analytics view (the REST call the canvas makes) for 1, 7 and 30
 * days. Run with {@code ./conversa bench}; {@code -Dbench.steps=N} for another size.
 */
@ApiTest
@Tag("benchmark")
class FlowAnalyticsBenchmark {

    static final int STEPS = Integer.getInteger("bench.steps", 1_000_000);
    /** Trace entries of one generated session (three steps): its path through the order flow, an invalid answer and variables set. */
    static final int STEPS_PER_SESSION = 10;

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    FlowStatsAggregator aggregator;

    @Test
    void analyticsOfAFlowWithAMillionSteps() {
        ApiClient.Session owner = new ApiClient(port).signup("Analytics benchmark");
        UUID channel = owner.connectChannel();
        String flowId = owner.post("/api/v1/flows", TestFlows.ORDER).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flowId + "/publish", "");
        aggregator.stop();
        try {
            long generateStart = System.nanoTime();
            generate(owner.tenantId(), channel, UUID.fromString(flowId), STEPS / STEPS_PER_SESSION);
            double generated = seconds(generateStart);

            long aggregateStart = System.nanoTime();
            while (aggregator.workOnce()) {
                // Slice after slice until the step log is caught up.
            }
            double aggregated = seconds(aggregateStart);
            System.out.printf("BENCH flow analytics: %,d steps generated in %.1f s, aggregated in %.1f s (%,.0f steps/s)%n",
                    STEPS, generated, aggregated, STEPS / aggregated);

            OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(1);
            for (int days : new int[] {1, 7, 30}) {
                String path = "/api/v1/flows/" + flowId + "/versions/1/analytics?from=" + to.minusDays(days) + "&to=" + to;
                for (int i = 0; i < 50; i++) {
                    owner.get(path);
                }
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    long start = System.nanoTime();
                    var response = owner.get(path);
                    millis.add((System.nanoTime() - start) / 1e6);
                    assertThat(response.status()).isEqualTo(200);
                }
                millis.sort(Double::compare);
                System.out.printf("BENCH flow analytics view, %d days: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", days,
                        millis.get(99), millis.get(189), millis.get(197));
            }
            var month = owner.get("/api/v1/flows/" + flowId + "/versions/1/analytics?from=" + to.minusDays(31) + "&to=" + to).json();
            assertThat(month.path("nodes").findValues("entered").stream().mapToLong(n -> n.asLong()).sum())
                    .isGreaterThanOrEqualTo(STEPS / STEPS_PER_SESSION * 5L);
        } finally {
            aggregator.start();
        }
    }

    /** Sessions of one customer each, spread over the last 30 days, each logging three steps of STEPS_PER_SESSION entries in all. */
    private void generate(UUID tenantId, UUID channel, UUID flowId, int sessions) {
        dsl.execute("""
                insert into conversations (id, tenant_id, channel_id, wa_id)
                select md5(? || g)::uuid, ?, ?, 'bench-' || g from generate_series(1, ?) g
                """, flowId.toString(), tenantId, channel, sessions);
        dsl.execute("""
                insert into sessions (id, tenant_id, conversation_id, flow_id, flow_version, state, status, started_at, ended_at,
                                      end_reason)
                select md5('s' || ? || g)::uuid, ?, md5(? || g)::uuid, ?, 1, '{}'::jsonb, 'ENDED',
                       now() - interval '30 days' * (g::float / ?), now() - interval '30 days' * (g::float / ?), 'COMPLETED'
                from generate_series(1, ?) g
                """, flowId.toString(), tenantId, flowId.toString(), flowId, sessions, sessions, sessions);
        dsl.execute("""
                insert into step_log (tenant_id, session_id, inbox_id, trace, at)
                select ?, md5('s' || ? || g)::uuid, g * 3 + step.n, step.trace::jsonb,
                       now() - interval '30 days' * (g::float / ?) + interval '1 second' * step.n
                from generate_series(1, ?) g,
                     lateral (values
                         (0, '[{"kind": "NODE_ENTERED", "node": "hello"}, {"kind": "NODE_ENTERED", "node": "howMany"}]'),
                         (1, '[{"kind": "INPUT_INVALID", "node": "howMany"}]'),
                         (2, '[{"kind": "VARIABLE_SET", "node": "howMany", "detail": "count"}, {"kind": "NODE_ENTERED", "node": "big"}, '
                             || '{"kind": "NODE_ENTERED", "node": "' || case when g % 3 = 0 then 'party' else 'small' end || '"}, '
                             || '{"kind": "NODE_ENTERED", "node": "done"}, {"kind": "VARIABLE_SET", "node": "done", "detail": "a"}, '
                             || '{"kind": "VARIABLE_SET", "node": "done", "detail": "b"}, {"kind": "WAITING", "node": "done"}]'))
                         as step(n, trace)
                order by g, step.n
                """, tenantId, flowId.toString(), sessions, sessions);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
