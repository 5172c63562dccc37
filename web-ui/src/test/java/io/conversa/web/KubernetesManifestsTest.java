package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes/ against the Kubernetes API's schemas (no cluster runs here): every manifest
 * valid, and the checker really refuses a broken one.
 */
class KubernetesManifestsTest {

    static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();
    static final Path CHECK = MANIFESTS.resolve("check");

    @BeforeAll
    static void installChecker() throws Exception {
        if (!Files.isDirectory(CHECK.resolve("node_modules").resolve("kubernetes-models"))) {
            assertThat(run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent")).exitCode()).isZero();
        }
    }

    @Test
    void everyManifestIsValidAndTheSetIsComplete() throws Exception {
        List<String> files;
        try (Stream<Path> yaml = Files.list(MANIFESTS)) {
            files = yaml.filter(f -> f.toString().endsWith(".yaml")).map(Path::toString).sorted().toList();
        }

        Result result = check(files);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("valid   ", "Deployment conversa", "Service conversa",
                "HorizontalPodAutoscaler conversa", "ConfigMap conversa", "Secret conversa", "PodDisruptionBudget conversa");
        assertThat(result.output()).doesNotContain("INVALID");
    }

    @Test
    void aBrokenManifestIsRefusedWithWhatIsWrong(@TempDir Path dir) throws Exception {
        String deployment = Files.readString(MANIFESTS.resolve("deployment.yaml"));
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, deployment.replace("replicas: 3", "replicas: three"));

        Result result = check(List.of(broken.toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("INVALID", "Deployment conversa", "replicas");
    }

    private static Result check(List<String> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "check.mjs"));
        command.addAll(files);
        return run(command);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(CHECK.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
