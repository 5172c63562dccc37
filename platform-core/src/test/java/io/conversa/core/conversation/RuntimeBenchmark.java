package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.OUTBOX;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.engine.Event.InboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Steps per second with full persistence: customers of the echo flow send messages; each step
 * stores the state, two outgoing messages, the session timer and the step log in one
 * transaction. Run with {@code ./conversa bench}; set DATABASE_URL to measure a given server.
 */
@ApiTest
@Tag("benchmark")
class RuntimeBenchmark {

    static final int CUSTOMERS = Integer.getInteger("bench.customers", 200);
    static final int MESSAGES = Integer.getInteger("bench.messages", 25);

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    @Autowired
    DSLContext dsl;

    @Test
    void stepsPerSecondWithFullPersistence() throws Exception {
        var owner = new ApiClient(port).signup("Benchmark");
        String flow = owner.post("/api/v1/flows", ConversationRuntimeTest.ECHO_FLOW).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");
        // A first round warms the JIT up, as users' traffic would have; only the second counts.
        run(owner.tenantId(), owner.connectChannel(), CUSTOMERS / 2, MESSAGES, false);
        run(owner.tenantId(), owner.connectChannel(), CUSTOMERS, MESSAGES, true);
    }

    private void run(UUID tenantId, UUID channel, int customers, int messagesEach, boolean report) throws Exception {
        long outboxBefore = dsl.fetchCount(OUTBOX, OUTBOX.KIND.eq("MESSAGE"));

        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                String waId = "bench-" + c;
                sent.add(pool.submit(() -> {
                    inbound.receive(tenantId, channel, waId, "Customer", InboundMessage.text(UUID.randomUUID().toString(), "echo"));
                    for (int m = 0; m < messagesEach; m++) {
                        inbound.receive(tenantId, channel, waId, "Customer", InboundMessage.text(UUID.randomUUID().toString(), "m" + m));
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
        long ingested = System.nanoTime();
        while (dsl.fetchCount(INBOX, INBOX.PROCESSED_AT.isNull()) > 0) {
            Thread.sleep(20);
        }
        long done = System.nanoTime();

        if (!report) {
            return;
        }
        int events = customers * (messagesEach + 1);
        long messages = dsl.fetchCount(OUTBOX, OUTBOX.KIND.eq("MESSAGE")) - outboxBefore;
        double seconds = (done - start) / 1e9;
        System.out.printf("%nRUNTIME BENCHMARK: %d customers x %d messages = %d events%n", customers, messagesEach + 1, events);
        System.out.printf("  ingest (inbox writes):   %.0f events/s%n", events / ((ingested - start) / 1e9));
        System.out.printf("  processed (full steps):  %.0f steps/s over %.1f s%n", events / seconds, seconds);
        System.out.printf("  outgoing messages:       %d (%.0f/s)%n%n", messages, messages / seconds);
    }
}
