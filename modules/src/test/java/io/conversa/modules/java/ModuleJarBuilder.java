package io.conversa.modules.java;

import io.conversa.sdk.ActionModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/** Builds module jars in tests: compiles sources against the SDK and packs them with a services file. */
public final class ModuleJarBuilder {

    private ModuleJarBuilder() {
    }

    /** Source of a module class {@code acme.<className>} whose call greets {@code input.name}. */
    public static String greeter(String className, String id, String version, String constructorBody) {
        return """
                package acme;
                import io.conversa.sdk.*;
                import java.util.*;
                public class %1$s implements ActionModule {
                    public %1$s() { %4$s }
                    public ModuleManifest manifest() {
                        return new ModuleManifest("%2$s", "Greeter", "%3$s", "Greets", "Acme", null, null, null, null, null);
                    }
                    public ModuleResult execute(ModuleContext context, Map<String, Object> input) {
                        context.log().info("greeting " + input.get("name"));
                        return ModuleResult.success(Map.of("greeting", "Hello, " + input.get("name") + "!"));
                    }
                }
                """.formatted(className, id, version, constructorBody);
    }

    /**
     * @param sources  class name (in package {@code acme}) to source
     * @param services the services file's content, or null for none
     * @return the jar, {@code directory/name.jar}
     */
    public static Path build(Path work, Path directory, String name, Map<String, String> sources, String services) {
        try {
            Path src = Files.createDirectories(work.resolve(name + "-src/acme"));
            Path classes = Files.createDirectories(work.resolve(name + "-classes"));
            List<String> args = new ArrayList<>(List.of("-cp", sdkClassPath(), "-d", classes.toString()));
            for (var source : sources.entrySet()) {
                Path file = src.resolve(source.getKey() + ".java");
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            if (ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the module sources do not compile");
            }
            Path jar = Files.createDirectories(directory).resolve(name + ".jar");
            try (var out = new JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                    out.write(Files.readAllBytes(file));
                }
                if (services != null) {
                    out.putNextEntry(new JarEntry("META-INF/services/" + ActionModule.class.getName()));
                    out.write(services.getBytes(StandardCharsets.UTF_8));
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sdkClassPath() {
        return Path.of(ActionModule.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }
}
