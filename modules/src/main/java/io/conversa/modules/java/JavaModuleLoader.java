package io.conversa.modules.java;

import io.conversa.sdk.ActionModule;
import io.conversa.sdk.ModuleManifest;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads the operator's Java modules: every {@code *.jar} in a directory, each in its own class loader
 * that sees the JDK and the SDK but not the platform, its {@link ActionModule}s found with
 * {@link ServiceLoader} ({@code META-INF/services/io.conversa.sdk.ActionModule}). A jar that cannot
 * be read, names a class that is missing or fails to construct, or repeats a module version already
 * loaded is reported and skipped; the others load.
 *
 * <p>Java modules are trusted code: they run inside the platform's JVM without a sandbox.
 */
public final class JavaModuleLoader {

    /** A module and the jar it came from. */
    public record Loaded(Path jar, ActionModule module) {
    }

    /** A jar, or one of its modules, that was skipped, and why. */
    public record Problem(Path jar, String message) {
    }

    public record Result(List<Loaded> modules, List<Problem> problems) {
    }

    private JavaModuleLoader() {
    }

    public static Result load(Path directory) {
        List<Loaded> modules = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new Result(modules, problems);
        }
        Set<String> versions = new HashSet<>();
        for (Path jar : jars(directory, problems)) {
            for (Loaded loaded : loadJar(jar, problems)) {
                ModuleManifest manifest = loaded.module().manifest();
                if (versions.add(manifest.id() + "@" + manifest.version())) {
                    modules.add(loaded);
                } else {
                    problems.add(new Problem(jar, manifest.id() + " " + manifest.version()
                            + " is already loaded from another jar; this copy is skipped."));
                }
            }
        }
        return new Result(List.copyOf(modules), List.copyOf(problems));
    }

    private static List<Path> jars(Path directory, List<Problem> problems) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(directory, "The modules directory cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }

    private static List<Loaded> loadJar(Path jar, List<Problem> problems) {
        try (JarFile readable = new JarFile(jar.toFile())) {
            if (readable.getEntry("META-INF/services/" + ActionModule.class.getName()) == null) {
                problems.add(new Problem(jar, "The jar declares no module: META-INF/services/"
                        + ActionModule.class.getName() + " is missing."));
                return List.of();
            }
        } catch (IOException e) {
            problems.add(new Problem(jar, "The jar cannot be read: " + e.getMessage()));
            return List.of();
        }
        URLClassLoader loader = new URLClassLoader("module:" + jar.getFileName(), new URL[] {url(jar)},
                new SdkOnlyClassLoader());
        List<Loaded> loaded = new ArrayList<>();
        Iterator<ActionModule> providers = ServiceLoader.load(ActionModule.class, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                ActionModule module = providers.next();
                module.manifest(); // a manifest that throws (an invalid version, say) breaks the module too
                loaded.add(new Loaded(jar, module));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add(new Problem(jar, "A module could not be loaded: " + describe(e)));
            }
        }
        return loaded;
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            message.append(": ").append(cause.getClass().getSimpleName()).append(' ').append(cause.getMessage());
        }
        return message.toString();
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The parent of every module's loader: the JDK, plus the SDK's own classes and nothing else of the platform. */
    private static final class SdkOnlyClassLoader extends ClassLoader {

        private static final String SDK_PACKAGE = ActionModule.class.getPackageName() + ".";

        SdkOnlyClassLoader() {
            super("conversa-sdk", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(SDK_PACKAGE)) {
                return ActionModule.class.getClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
