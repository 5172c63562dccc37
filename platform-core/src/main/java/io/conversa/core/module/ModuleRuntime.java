package io.conversa.core.module;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.ModuleVersionsRecord;
import io.conversa.modules.js.JsModule;
import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.ActionModule;
import io.conversa.sdk.AllowedHostsHttp;
import io.conversa.sdk.EditableContact;
import io.conversa.sdk.ModuleException;
import io.conversa.sdk.ModuleResult;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs one module call for a tenant: finds the pinned version (public or the tenant's own), checks
 * that the tenant installed the module (built-ins need no installation), gives it a
 * {@link HostContext}, and logs the execution. A module that throws fails the call with its message;
 * nothing it does escapes as an exception.
 */
@Service
public class ModuleRuntime {

    private static final Logger log = LoggerFactory.getLogger(ModuleRuntime.class);

    /** The result, the contact as the module left it (saved by the caller if it changed), and the execution logged. */
    public record Run(ModuleResult result, EditableContact contact, ModuleExecution execution) {
    }

    private final Transactions transactions;
    private final ModuleRepository modules;
    private final ModuleRegistry registry;
    private final ModuleSecrets secrets;
    private final ExecutionLogRepository executions;
    private final JsSandbox sandbox;
    private final ModuleProperties properties;
    private final HostContext.Services services;
    private final Clock clock;
    /** Versions never change once registered, so their parsed form can be kept. */
    private final Cache<String, ActionModule> javaScript = Caffeine.newBuilder().maximumSize(10_000).build();
    private final HttpClient http = AllowedHostsHttp.newClient();

    ModuleRuntime(Transactions transactions, ModuleRepository modules, ModuleRegistry registry, ModuleSecrets secrets,
            ExecutionLogRepository executions, ModuleStoreRepository store, JsSandbox sandbox, ModuleProperties properties,
            Clock clock) {
        this.transactions = transactions;
        this.modules = modules;
        this.registry = registry;
        this.secrets = secrets;
        this.executions = executions;
        this.sandbox = sandbox;
        this.properties = properties;
        this.clock = clock;
        this.services = new HostContext.Services(transactions, store, http, (int) properties.maxResponseSize().toBytes(),
                properties.privateNetworks());
    }

    public Run run(UUID tenantId, UUID conversationId, String moduleId, String version, Map<String, Object> input,
            EditableContact contact) {
        OffsetDateTime startedAt = OffsetDateTime.now(clock);
        long start = System.nanoTime();
        Resolved resolved = transactions.inTenant(tenantId, () -> resolve(tenantId, moduleId, version));
        HostContext context = null;
        ModuleResult result;
        if (resolved.failure() != null) {
            result = ModuleResult.failure(resolved.failure());
        } else {
            context = new HostContext(services, tenantId, resolved.module().manifest(), resolved.secrets(), contact,
                    Instant.now(clock).plus(properties.callTimeout()));
            result = execute(resolved.module(), context, input);
        }
        int durationMs = (int) ((System.nanoTime() - start) / 1_000_000);
        ModuleExecution execution = new ModuleExecution(UUID.randomUUID(), moduleId, version, conversationId, startedAt,
                durationMs, result instanceof ModuleResult.Success ? ModuleExecution.Outcome.SUCCEEDED
                        : ModuleExecution.Outcome.FAILED,
                result instanceof ModuleResult.Failure failure ? failure.message() : null,
                context == null ? List.of() : context.logs());
        transactions.inTenant(tenantId, () -> {
            executions.add(tenantId, execution);
            return null;
        });
        return new Run(result, contact, execution);
    }

    private static ModuleResult execute(ActionModule module, HostContext context, Map<String, Object> input) {
        try {
            ModuleResult result = module.execute(context, input);
            return result == null ? ModuleResult.failure("The module returned no result.") : result;
        } catch (RuntimeException e) {
            if (!(e instanceof ModuleException)) {
                log.warn("Module {} threw", module.manifest().id(), e);
            }
            return ModuleResult.failure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private Resolved resolve(UUID tenantId, String moduleId, String version) {
        ModuleVersionsRecord record = modules.find(tenantId, moduleId, version).orElse(null);
        if (record == null) {
            return Resolved.failed("There is no module " + moduleId + " " + version + " in the marketplace.");
        }
        ModuleRepository.Kind kind = ModuleRepository.Kind.valueOf(record.getKind());
        Map<String, String> tenantSecrets = Map.of();
        if (kind != ModuleRepository.Kind.BUILT_IN) {
            var installation = modules.installation(tenantId, moduleId);
            if (installation.isEmpty()) {
                return Resolved.failed("The module " + moduleId + " is not installed in this tenant; install it in the marketplace.");
            }
            tenantSecrets = secrets.open(installation.get().getSecrets());
        }
        ActionModule module = kind == ModuleRepository.Kind.JAVASCRIPT
                ? javaScript.get(tenantId + "/" + moduleId + "@" + version, scope -> new JsModule(sandbox, scope,
                        ManifestJson.read(record.getManifest()), record.getSource()))
                : registry.inProcess(moduleId, version).orElse(null);
        if (module == null) {
            return Resolved.failed("The module " + moduleId + " " + version + " is not loaded on this server.");
        }
        return new Resolved(module, tenantSecrets, null);
    }

    /** Forgets what was kept of a tenant's module, when it is uninstalled. */
    void forget(UUID tenantId, String moduleId) {
        String prefix = tenantId + "/" + moduleId + "@";
        javaScript.asMap().keySet().removeIf(key -> key.startsWith(prefix));
        modules.versions(tenantId, moduleId).forEach(v -> sandbox.forget(prefix + v.getVersion()));
    }

    private record Resolved(ActionModule module, Map<String, String> secrets, String failure) {

        static Resolved failed(String why) {
            return new Resolved(null, Map.of(), why);
        }
    }
}
