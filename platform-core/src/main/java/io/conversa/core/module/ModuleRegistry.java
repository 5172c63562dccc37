package io.conversa.core.module;

import io.conversa.core.db.Transactions;
import io.conversa.modules.builtin.BuiltinModules;
import io.conversa.modules.java.JavaModuleLoader;
import io.conversa.modules.js.JsFailure;
import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.ActionModule;
import io.conversa.sdk.ModuleManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The modules this server runs in-process (built-ins and the operator's Java jars) and the public
 * catalogue: on start every public module, including the operator's JavaScript modules, is
 * registered so tenants can find it. A broken jar or module file is logged and skipped.
 */
@Component
class ModuleRegistry implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ModuleRegistry.class);

    private final Map<String, ActionModule> inProcess = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final ModuleProperties properties;
    private final JsSandbox sandbox;
    private final ModuleRepository modules;
    private final Transactions transactions;

    ModuleRegistry(ModuleProperties properties, JsSandbox sandbox, ModuleRepository modules, Transactions transactions) {
        this.properties = properties;
        this.sandbox = sandbox;
        this.modules = modules;
        this.transactions = transactions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Registration> registrations = new ArrayList<>();
        for (ActionModule builtIn : BuiltinModules.all(sandbox, properties.email().settings())) {
            registrations.add(inProcess(builtIn, ModuleRepository.Kind.BUILT_IN));
        }
        if (properties.directory() != null) {
            JavaModuleLoader.Result jars = JavaModuleLoader.load(properties.directory());
            jars.problems().forEach(problem -> problem(problem.jar() + ": " + problem.message()));
            jars.modules().forEach(loaded -> registrations.add(inProcess(loaded.module(), ModuleRepository.Kind.JAVA)));
            registrations.addAll(javaScriptModules(properties.directory()));
        }
        transactions.asSystem(() -> {
            registrations.forEach(r -> modules.savePublic(r.manifest().id(), r.manifest().version(), r.kind(),
                    ManifestJson.jsonb(r.manifest()), r.source()));
            return null;
        });
        log.info("Modules: {} public module versions registered, {} problems", registrations.size(), problems.size());
    }

    /** A built-in or Java module by version, if this server runs it. */
    Optional<ActionModule> inProcess(String moduleId, String version) {
        return Optional.ofNullable(inProcess.get(moduleId + "@" + version));
    }

    /** What was skipped on start, for the operator. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private Registration inProcess(ActionModule module, ModuleRepository.Kind kind) {
        ModuleManifest manifest = module.manifest();
        inProcess.put(manifest.id() + "@" + manifest.version(), module);
        return new Registration(manifest, kind, null);
    }

    /** {@code name.js} with its manifest {@code name.json} beside it. */
    private List<Registration> javaScriptModules(Path directory) {
        List<Registration> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path script : files.filter(f -> f.getFileName().toString().endsWith(".js")).sorted().toList()) {
                String name = script.getFileName().toString();
                Path manifestFile = script.resolveSibling(name.substring(0, name.length() - 3) + ".json");
                try {
                    ModuleManifest manifest = ManifestJson.read(ManifestJson.parse(Files.readString(manifestFile)));
                    String source = Files.readString(script);
                    sandbox.check(source);
                    found.add(new Registration(manifest, ModuleRepository.Kind.JAVASCRIPT, source));
                } catch (IOException | RuntimeException e) {
                    problem(script + ": " + (e instanceof JsFailure ? "" : e.getClass().getSimpleName() + " ")
                            + e.getMessage());
                }
            }
        } catch (IOException e) {
            problem(directory + ": the modules directory cannot be listed: " + e.getMessage());
        }
        return found;
    }

    private void problem(String message) {
        problems.add(message);
        log.warn("Module skipped: {}", message);
    }

    private record Registration(ModuleManifest manifest, ModuleRepository.Kind kind, String source) {
    }
}
