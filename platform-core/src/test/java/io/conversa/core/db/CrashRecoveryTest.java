package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ConversaProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Conversa killed as the OOM killer does ({@code kill -9}) while it runs on its embedded
 * PostgreSQL: the next start just works, and a message acknowledged before the crash is answered
 * after it. Each Conversa is a process of its own, on the same data directory and port.
 */
class CrashRecoveryTest {

    private static final String DEMO_NUMBER = "100000000000001";

    @TempDir
    Path home;

    private ConversaProcesses processes;

    @BeforeEach
    void setUp() {
        processes = new ConversaProcesses(home);
    }

    @AfterEach
    void stopAll() throws Exception {
        processes.stopAll();
        // Should a test fail midway, no PostgreSQL outlives it.
        EmbeddedDataDirectory.runningServer(home.resolve("postgres")).ifPresent(ProcessHandle::destroy);
    }
    @Test
    void aKilledConversaStartsAgainAndAnswersWhatItHadAcknowledged() throws Exception {
        int port = ConversaProcesses.freePort();
        Path dataDirectory = home.resolve("postgres");
        // The first process takes the customer's message but processes nothing before it dies.
        Process first = start(port, "--conversa.runtime.workers=0");
        ApiClient api = new ApiClient(port);
        var ack = api.post("/simulator/numbers/" + DEMO_NUMBER + "/customer-messages",
                Map.of("from", "4915100000999", "name", "Ada", "text", "pizza"));
        assertThat(ack.json().path("webhookStatus").asInt()).isEqualTo(200);

        first.destroyForcibly().waitFor();
        Optional<ProcessHandle> orphan = EmbeddedDataDirectory.runningServer(dataDirectory);
        assertThat(orphan).as("the crashed process's PostgreSQL lives on").isPresent();

        start(port);

        assertThat(orphan.get().isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get("/simulator/numbers/" + DEMO_NUMBER + "/messages")
                .json().valueStream().map(m -> m.path("to").asString()).toList()).contains("4915100000999"));
        ApiClient.Session owner = api.login("demo@conversa.local", "conversa-demo");
        JsonNode conversation = owner.get("/api/v1/conversations").json().path("items").valueStream()
                .filter(c -> c.path("waId").asString().equals("4915100000999")).findFirst().orElseThrow();
        List<JsonNode> messages = owner.get("/api/v1/conversations/" + conversation.path("id").asString() + "/messages")
                .json().valueStream().toList();
        assertThat(messages.stream().filter(m -> m.path("direction").asString().equals("IN"))).hasSize(1);
        assertThat(messages.stream().filter(m -> m.path("direction").asString().equals("OUT"))).isNotEmpty();
    }

    @Test
    void aSecondConversaOnTheSameDataDirectoryIsRefusedWithTheReason() throws Exception {
        start(ConversaProcesses.freePort());

        Process second = process(ConversaProcesses.freePort());

        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isNotZero();
        assertThat(Files.readString(processes.log(1))).contains("Another Conversa process is running on " + home.resolve("postgres"));
    }

    private Process start(int port, String... arguments) throws IOException {
        return processes.start(port, onDataDirectory(arguments));
    }

    private Process process(int port) throws IOException {
        return processes.process(port, onDataDirectory());
    }

    private String[] onDataDirectory(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--conversa.embedded-database.data-directory=" + home.resolve("postgres"),
                "--conversa.demo.enabled=true"));
        all.addAll(List.of(arguments));
        return all.toArray(String[]::new);
    }
}
