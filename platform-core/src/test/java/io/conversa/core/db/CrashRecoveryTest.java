package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.CoreTestApplication;
import io.conversa.core.support.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
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

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        // Should a test fail midway, no PostgreSQL outlives it.
        EmbeddedDataDirectory.runningServer(home.resolve("postgres")).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void aKilledConversaStartsAgainAndAnswersWhatItHadAcknowledged() throws Exception {
        int port = freePort();
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
        JsonNode conversation = owner.get("/api/v1/conversations").json().valueStream()
                .filter(c -> c.path("waId").asString().equals("4915100000999")).findFirst().orElseThrow();
        List<JsonNode> messages = owner.get("/api/v1/conversations/" + conversation.path("id").asString() + "/messages")
                .json().valueStream().toList();
        assertThat(messages.stream().filter(m -> m.path("direction").asString().equals("IN"))).hasSize(1);
        assertThat(messages.stream().filter(m -> m.path("direction").asString().equals("OUT"))).isNotEmpty();
    }

    @Test
    void aSecondConversaOnTheSameDataDirectoryIsRefusedWithTheReason() throws Exception {
        start(freePort());

        Process second = process(freePort());

        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isNotZero();
        assertThat(Files.readString(log(1))).contains("Another Conversa process is running on " + home.resolve("postgres"));
    }

    /** Starts Conversa and waits until it is ready. */
    private Process start(int port, String... arguments) throws Exception {
        Path log = log(started.size());
        Process process = process(port, arguments);
        ApiClient api = new ApiClient(port);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as(() -> "Conversa exited while starting:\n" + read(log)).isTrue();
            try {
                return api.get("/actuator/health").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        return process;
    }

    private Process process(int port, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), CoreTestApplication.class.getName(),
                "--server.port=" + port,
                "--conversa.embedded-database.data-directory=" + home.resolve("postgres"),
                "--conversa.demo.enabled=true"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(started.size()).toFile()).start();
        started.add(process);
        return process;
    }

    /** Where the n-th started process writes its output (kept in the temporary directory). */
    private Path log(int n) {
        return home.resolve("conversa-" + n + ".log");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
