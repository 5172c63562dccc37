package io.conversa.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.CoreTestApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Conversa as real processes of their own (the test's classpath, {@link CoreTestApplication}),
 * for what one JVM cannot show: crashes, restarts, several processes on one database. Each
 * writes its output to a log in {@code home}; {@link #stopAll} ends them.
 */
public final class ConversaProcesses {

    private final Path home;
    private final List<Process> started = new ArrayList<>();

    public ConversaProcesses(Path home) {
        this.home = home;
    }

    /** Starts Conversa on this port with these arguments and waits until it is healthy. */
    public Process start(int port, String... arguments) throws IOException {
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

    /** Starts Conversa without waiting for it. */
    public Process process(int port, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), CoreTestApplication.class.getName(),
                "--server.port=" + port));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(started.size()).toFile()).start();
        started.add(process);
        return process;
    }

    /** Where the n-th started process writes its output. */
    public Path log(int n) {
        return home.resolve("conversa-" + n + ".log");
    }

    public void stopAll() throws InterruptedException {
        for (Process process : started.reversed()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
