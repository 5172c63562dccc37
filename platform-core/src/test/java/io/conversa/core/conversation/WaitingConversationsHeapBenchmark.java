package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.engine.Event.InboundMessage;
import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a conversation waiting for the customer's answer costs in memory: the live objects on the
 * heap with 10 such conversations, then with 10,000 ({@code -Dbench.waiting=N}). A waiting
 * conversation is rows in PostgreSQL (its session at the question, its expiry timer), nothing in
 * the heap, so the two should be the same within the collector's noise. Run with {@code ./conversa bench}.
 */
@ApiTest
@Tag("benchmark")
class WaitingConversationsHeapBenchmark {

    static final int FEW = 10;
    static final int MANY = Integer.getInteger("bench.waiting", 10_000);

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    @Autowired
    DSLContext dsl;

    @Test
    void manyConversationsWaitingForAnAnswerCostNoMoreHeapThanAFew() throws Exception {
        var owner = new ApiClient(port).signup("Waiting");
        String flow = owner.post("/api/v1/flows", ConversationRuntimeTest.ECHO_FLOW).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");
        UUID channel = owner.connectChannel();

        startWaiting(owner.tenantId(), channel, 0, FEW);
        long few = heapAfterFullCollection();
        startWaiting(owner.tenantId(), channel, FEW, MANY);
        long many = heapAfterFullCollection();

        assertThat(dsl.fetchCount(SESSIONS, SESSIONS.TENANT_ID.eq(owner.tenantId()), SESSIONS.STATUS.eq("WAITING_REPLY"))).isEqualTo(MANY);
        System.out.printf("%nWAITING CONVERSATIONS: live objects on the heap (after a full collection)%n");
        System.out.printf("  %,6d waiting: %,.1f MiB%n", FEW, few / 1048576.0);
        System.out.printf("  %,6d waiting: %,.1f MiB (%+,.1f MiB, %+,d bytes per added conversation)%n%n", MANY, many / 1048576.0,
                (many - few) / 1048576.0, (many - few) / (MANY - FEW));
    }

    /** Customers {@code from} to {@code to - 1} start the echo flow, which asks them something; returns once every step ran. */
    private void startWaiting(UUID tenantId, UUID channel, int from, int to) throws Exception {
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (int c = from; c < to; c++) {
                String waId = "waiting-" + c;
                pool.submit(() -> inbound.receive(tenantId, channel, waId, "Customer", InboundMessage.text(UUID.randomUUID().toString(), "echo")));
            }
        }
        while (dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(tenantId), INBOX.PROCESSED_AT.isNull()) > 0) {
            Thread.sleep(50);
        }
    }

    /** The bytes of live objects, as a class histogram counts them (it collects first): what the JVM's own tools would show. */
    private static long heapAfterFullCollection() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
        assertThat(total.find()).as("the histogram's total line").isTrue();
        return Long.parseLong(total.group(1));
    }
}
