package io.conversa.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ConversaProcesses;
import io.conversa.core.support.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Conversa processes on one PostgreSQL and one Redis, as behind a load balancer: a client of
 * the event stream (what the inbox listens to) connected to process B sees, within a second, a
 * customer's message whose webhook process A received.
 */
class TwoProcessesTest {

    private static final String DEMO_NUMBER = "100000000000001";

    @TempDir
    Path home;

    private ConversaProcesses processes;

    @AfterEach
    void stopAll() throws Exception {
        if (processes != null) {
            processes.stopAll();
        }
    }

    @Test
    void aMessageOneProcessReceivedReachesAClientOfTheOtherThroughRedis() throws Exception {
        TestRedis.connect(TestRedis.URL, true).shutdown();
        processes = new ConversaProcesses(home);
        int database = ConversaProcesses.freePort();
        int portA = ConversaProcesses.freePort();
        int portB = ConversaProcesses.freePort();
        processes.start(portA, "--conversa.embedded-database.port=" + database, "--conversa.demo.enabled=true",
                "--conversa.redis.url=" + TestRedis.URL);
        // B polls rarely: only Redis can bring it the news in time.
        processes.start(portB, "--spring.datasource.url=jdbc:postgresql://localhost:" + database + "/postgres",
                "--spring.datasource.username=postgres", "--conversa.redis.url=" + TestRedis.URL,
                "--conversa.events.poll-interval=30s");
        ApiClient a = new ApiClient(portA);
        ApiClient.Session ownerOnB = new ApiClient(portB).login("demo@conversa.local", "conversa-demo");
        EventStreamTest.Frames onB = new EventStreamTest.Frames();
        onB.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + portB + "/api/v1/events?access_token=" + ownerOnB.token()), onB).join();

        for (int i = 0; i < 5; i++) {
            String text = "across processes " + i;
            long sent = System.nanoTime();
            var ack = a.post("/simulator/numbers/" + DEMO_NUMBER + "/customer-messages",
                    Map.of("from", "4915100007" + i, "name", "Bea", "text", text));
            assertThat(ack.json().path("webhookStatus").asInt()).isEqualTo(200);

            // Far sooner than B's next poll: Redis brought it. (How soon is measured in PublicApiBenchmark,
            // not here: a timed assertion fails on a busy machine, not on a defect.)
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> onB.texts().contains(text));
            System.out.printf("event on the other process after %d ms%n", Duration.ofNanos(System.nanoTime() - sent).toMillis());
        }
        onB.close();
    }
}
