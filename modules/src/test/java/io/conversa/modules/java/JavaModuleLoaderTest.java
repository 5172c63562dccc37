package io.conversa.modules.java;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.sdk.ModuleResult;
import io.conversa.sdk.testkit.ModuleTestKit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module jars compiled here against the SDK, loaded from a directory next to broken ones. */
class JavaModuleLoaderTest {

    @TempDir
    Path work;

    private static String module(String className, String id, String version, String constructorBody) {
        return ModuleJarBuilder.greeter(className, id, version, constructorBody);
    }

    private Path jar(String name, Map<String, String> sources, String services) {
        return ModuleJarBuilder.build(work, work.resolve("modules"), name, sources, services);
    }

    @Test
    void loadsModulesFromJarsAndReportsTheBrokenOnesWithoutFailing() throws IOException {
        jar("greeter", Map.of("Greeter", module("Greeter", "acme.greeter", "1.2.0", "")), "acme.Greeter\n");
        jar("copy", Map.of("Greeter", module("Greeter", "acme.greeter", "1.2.0", "")), "acme.Greeter\n");
        jar("throws", Map.of("Exploding", module("Exploding", "acme.exploding", "1.0.0",
                "throw new IllegalStateException(\"no config\");")), "acme.Exploding\n");
        jar("bad-version", Map.of("Unversioned", module("Unversioned", "acme.unversioned", "one", "")),
                "acme.Unversioned\n");
        jar("missing-class", Map.of("Greeter", module("Greeter", "acme.other", "1.0.0", "")), "acme.DoesNotExist\n");
        jar("no-services", Map.of("Greeter", module("Greeter", "acme.silent", "1.0.0", "")), null);
        try (OutputStream garbage = Files.newOutputStream(work.resolve("modules/garbage.jar"))) {
            garbage.write("this is not a zip file".getBytes(StandardCharsets.UTF_8));
        }

        JavaModuleLoader.Result result = JavaModuleLoader.load(work.resolve("modules"));

        assertThat(result.modules()).singleElement().satisfies(loaded -> {
            assertThat(loaded.jar().getFileName()).hasToString("copy.jar");
            assertThat(loaded.module().manifest().id()).isEqualTo("acme.greeter");
            var kit = new ModuleTestKit(loaded.module());
            assertThat(kit.execute(Map.of("name", "Ada"))).isEqualTo(ModuleResult.success(Map.of("greeting", "Hello, Ada!")));
            assertThat(kit.logs()).containsExactly("INFO greeting Ada");
        });
        assertThat(result.problems()).extracting(p -> p.jar().getFileName() + ": " + p.message())
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("bad-version.jar").contains("semantic version"),
                        p -> assertThat(p).startsWith("garbage.jar").contains("cannot be read"),
                        p -> assertThat(p).startsWith("greeter.jar").contains("already loaded"),
                        p -> assertThat(p).startsWith("missing-class.jar").contains("acme.DoesNotExist"),
                        p -> assertThat(p).startsWith("no-services.jar").contains("declares no module"),
                        p -> assertThat(p).startsWith("throws.jar").contains("no config"));
    }

    @Test
    void aModuleSeesTheSdkButNotThePlatform() throws IOException {
        String peeking = """
                package acme;
                import io.conversa.sdk.*;
                import java.util.*;
                public class Peeking implements ActionModule {
                    public ModuleManifest manifest() {
                        return new ModuleManifest("acme.peeking", "Peeking", "1.0.0", null, null, null, null, null, null, null);
                    }
                    public ModuleResult execute(ModuleContext context, Map<String, Object> input) {
                        try {
                            Class.forName("io.conversa.modules.java.JavaModuleLoader", true, getClass().getClassLoader());
                            return ModuleResult.success("reached the platform");
                        } catch (ClassNotFoundException e) {
                            return ModuleResult.failure("not visible: " + e.getMessage());
                        }
                    }
                }
                """;
        jar("peeking", Map.of("Peeking", peeking), "acme.Peeking\n");

        var module = JavaModuleLoader.load(work.resolve("modules")).modules().getFirst().module();

        assertThat(new ModuleTestKit(module).execute(Map.of()))
                .isEqualTo(ModuleResult.failure("not visible: io.conversa.modules.java.JavaModuleLoader"));
    }

    @Test
    void aMissingDirectoryMeansNoModules() {
        JavaModuleLoader.Result result = JavaModuleLoader.load(work.resolve("absent"));

        assertThat(result.modules()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }
}
