package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ConversaProcesses;
import io.conversa.core.support.MetaWebhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under a running Conversa: webhooks are answered 503 with Retry-After (Meta
 * retries them), nothing is acknowledged that was not stored, and once PostgreSQL is back the
 * same delivery is taken and answered, with no restart. A reply the Cloud API accepted while
 * PostgreSQL was gone is recorded once it is back, not sent again. Process A holds the embedded
 * PostgreSQL (stopped by killing A and its server, started again by starting A); process B serves
 * the number.
 */
class DatabaseOutageTest {

    static final String NUMBER = "555000333444";
    static final String SECRET = "outage-app-secret";

    @TempDir
    Path home;

    private ConversaProcesses processes;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopAll() throws Exception {
        processes.stopAll();
        EmbeddedDataDirectory.runningServer(home.resolve("postgres")).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void whilePostgresIsDownWebhooksAre503AndTheRetryIsAnsweredOnceItIsBack() throws Exception {
        processes = new ConversaProcesses(home);
        int port = ConversaProcesses.freePort();
        String database = "jdbc:postgresql://localhost:" + port + "/postgres";
        String[] holder = {"--conversa.embedded-database.data-directory=" + home.resolve("postgres"),
                "--conversa.embedded-database.port=" + port, "--conversa.runtime.workers=0"};
        Process a = processes.start(ConversaProcesses.freePort(), holder);
        int portB = ConversaProcesses.freePort();
        processes.start(portB, "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres");
        ApiClient b = new ApiClient(portB);
        ApiClient.Session owner = b.signup("Outage " + System.nanoTime());
        String channel = owner.connectSimulatedNumber(NUMBER, SECRET).path("id").asString();
        String flow = owner.post("/api/v1/flows", """
                {"name": "Echo", "start": "echo", "nodes": [
                   {"id": "echo", "type": "message", "data": {"message": {"type": "text", "body": "echo {{message.text}}"}}}],
                 "edges": [], "triggers": {"defaultFlow": true}}
                """).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");
        assertThat(webhook(portB, channel, "wamid.outage.1", "before").statusCode()).isEqualTo(200);
        assertThat(setting(database, "synchronous_commit")).as("kept data is committed durably").isEqualTo("on");
        assertThat(setting(database, "fsync")).as("and flushed to the disk").isEqualTo("on");
        await().atMost(Duration.ofSeconds(30)).until(() -> replies(b).contains("echo before"));

        // The next reply is on the wire (the Cloud API answers after 8 s) when PostgreSQL goes away:
        // A dies, and its server (which outlives a kill -9) is shut down fast.
        assertThat(b.post("/simulator/numbers/" + NUMBER + "/faults", "[{\"httpStatus\": 200, \"delayMillis\": 8000}]")
                .status()).isEqualTo(200);
        assertThat(webhook(portB, channel, "wamid.outage.slow", "on the wire").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxStatuses(database).contains("SENDING"));
        a.destroyForcibly().waitFor();
        ProcessHandle server = EmbeddedDataDirectory.runningServer(home.resolve("postgres")).orElseThrow();
        new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start().waitFor();
        server.onExit().get();

        HttpResponse<String> refused = webhook(portB, channel, "wamid.outage.2", "during");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.body()).contains("nothing was stored");

        // Back again: Meta's retry of the same delivery is taken and answered, once.
        processes.start(ConversaProcesses.freePort(), holder);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> webhook(portB, channel, "wamid.outage.2", "during").statusCode() == 200);
        assertThat(webhook(portB, channel, "wamid.outage.2", "during").statusCode()).isEqualTo(200);
        // The reply on the wire is recorded as soon as PostgreSQL is back, so the next one does not
        // wait for its lease (a minute) to run out behind it; a loaded machine still takes a while.
        await().atMost(Duration.ofSeconds(60)).until(() -> replies(b).contains("echo during"));
        Thread.sleep(2000);
        assertThat(replies(b)).containsExactly("echo before", "echo on the wire", "echo during");
        assertThat(outboxStatuses(database)).doesNotContain("PENDING", "SENDING", "FAILED");
    }

    private HttpResponse<String> webhook(int port, String channel, String messageId, String text) throws Exception {
        byte[] body = MetaWebhooks.text(NUMBER, "4917200000001", "Olga", messageId, text).getBytes(StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/whatsapp/" + channel))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", MetaWebhooks.signature(body, SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String setting(String url, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                ResultSet rows = connection.createStatement().executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Read straight from PostgreSQL, as the API would need it to be up. */
    private static List<String> outboxStatuses(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                ResultSet rows = connection.createStatement().executeQuery("select status from outbox where kind = 'MESSAGE'")) {
            List<String> statuses = new ArrayList<>();
            while (rows.next()) {
                statuses.add(rows.getString(1));
            }
            return statuses;
        }
    }

    private static List<String> replies(ApiClient api) {
        return api.get("/simulator/numbers/" + NUMBER + "/messages").json().valueStream()
                .map(m -> m.path("text").path("body").asString()).toList();
    }
}
