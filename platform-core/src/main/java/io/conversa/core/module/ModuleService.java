package io.conversa.core.module;

import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.ModuleInstallationsRecord;
import io.conversa.core.db.jooq.tables.records.ModuleVersionsRecord;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import io.conversa.modules.js.JsFailure;
import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.EditableContact;
import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The marketplace for one tenant: browse public modules and its own, upload JavaScript modules
 * (private to the tenant), install a version with its secrets, upgrade, configure, uninstall, and
 * read the execution log.
 */
@Service
public class ModuleService {

    /** Ids of the platform's own modules; tenants cannot take them. */
    static final String RESERVED_PREFIX = "conversa.";

    private final Transactions transactions;
    private final ModuleRepository modules;
    private final ModuleStoreRepository store;
    private final ExecutionLogRepository executions;
    private final ModuleSecrets secrets;
    private final ModuleRuntime runtime;
    private final JsSandbox sandbox;
    private final ModuleProperties properties;
    private final AuditLog auditLog;

    ModuleService(Transactions transactions, ModuleRepository modules, ModuleStoreRepository store,
            ExecutionLogRepository executions, ModuleSecrets secrets, ModuleRuntime runtime, JsSandbox sandbox,
            ModuleProperties properties, AuditLog auditLog) {
        this.transactions = transactions;
        this.modules = modules;
        this.store = store;
        this.executions = executions;
        this.secrets = secrets;
        this.runtime = runtime;
        this.sandbox = sandbox;
        this.properties = properties;
        this.auditLog = auditLog;
    }

    /** The catalogue, optionally only modules whose id, name, description or author contain {@code query}. */
    public List<MarketplaceModule> list(Caller caller, String query) {
        UUID tenantId = caller.tenantId();
        return transactions.inTenant(tenantId, () -> {
            Map<String, ModuleInstallationsRecord> installed = modules.installations(tenantId).stream()
                    .collect(Collectors.toMap(ModuleInstallationsRecord::getModuleId, i -> i));
            return modules.visible(tenantId).stream()
                    .collect(Collectors.groupingBy(ModuleVersionsRecord::getModuleId, LinkedHashMap::new, Collectors.toList()))
                    .values().stream()
                    .map(versions -> view(versions, installed.get(versions.getFirst().getModuleId())))
                    .filter(module -> matches(module, query))
                    .sorted(Comparator.comparing(module -> String.valueOf(module.latest().get("name")).toLowerCase(Locale.ROOT)))
                    .toList();
        });
    }

    public MarketplaceModule get(Caller caller, String moduleId) {
        return transactions.inTenant(caller.tenantId(), () -> find(caller.tenantId(), moduleId));
    }

    /** Adds a version of a JavaScript module, private to the caller's tenant. */
    public MarketplaceModule upload(Caller caller, NewModule request, ClientInfo client) {
        ModuleManifest manifest = ManifestJson.read(request.manifest());
        if (manifest.id().startsWith(RESERVED_PREFIX)) {
            throw Problems.invalid("manifest.id", "module.reserved-prefix", RESERVED_PREFIX);
        }
        if (request.source().length() > properties.maxSourceSize().toBytes()) {
            throw Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "module.source-too-large", request.source().length(),
                    properties.maxSourceSize().toBytes());
        }
        try {
            sandbox.check(request.source());
        } catch (JsFailure failure) {
            throw Problems.invalid("source", "verbatim", failure.getMessage());
        }
        UUID tenantId = caller.tenantId();
        try {
            return transactions.inTenant(tenantId, () -> {
                if (modules.isPublic(manifest.id())) {
                    throw Problems.conflict("module.public-id", manifest.id());
                }
                if (modules.find(tenantId, manifest.id(), manifest.version()).isPresent()) {
                    throw versionExists(manifest);
                }
                modules.addPrivate(tenantId, manifest.id(), manifest.version(), ManifestJson.jsonb(manifest), request.source(),
                        caller.userId());
                auditLog.record(caller, AuditAction.MODULE_UPLOADED, manifest.id(), client,
                        Map.of("version", manifest.version()));
                return find(tenantId, manifest.id());
            });
        } catch (DuplicateKeyException e) {
            throw versionExists(manifest);
        }
    }

    /** Installs a version, or moves the installation to another; secrets given here are added to those kept. */
    public MarketplaceModule install(Caller caller, String moduleId, InstallRequest request, ClientInfo client) {
        UUID tenantId = caller.tenantId();
        return transactions.inTenant(tenantId, () -> {
            MarketplaceModule module = find(tenantId, moduleId);
            if (module.kind().equals(ModuleRepository.Kind.BUILT_IN.name())) {
                throw Problems.conflict("module.built-in", moduleId);
            }
            ModuleVersionsRecord version = modules.find(tenantId, moduleId, request.version()).orElseThrow(() ->
                    Problems.invalid("version", "module.unknown-version", moduleId,
                            module.versions().stream().map(MarketplaceModule.Version::version).toList()));
            Optional<ModuleInstallationsRecord> before = modules.installation(tenantId, moduleId);
            Map<String, String> kept = before.map(i -> secrets.open(i.getSecrets())).orElse(Map.of());
            modules.saveInstallation(tenantId, moduleId, version.getVersion(),
                    secrets.seal(merged(kept, request.secrets(), manifestOf(version))), caller.userId());
            if (before.isPresent()) {
                runtime.forget(tenantId, moduleId);
            }
            auditLog.record(caller, AuditAction.MODULE_INSTALLED, moduleId, client, Map.of("version", version.getVersion(),
                    "previousVersion", before.map(ModuleInstallationsRecord::getVersion).orElse("")));
            return find(tenantId, moduleId);
        });
    }

    /** Sets secrets of an installed module; an empty value removes one. */
    public MarketplaceModule configure(Caller caller, String moduleId, Map<String, String> given, ClientInfo client) {
        UUID tenantId = caller.tenantId();
        return transactions.inTenant(tenantId, () -> {
            ModuleInstallationsRecord installation = installed(tenantId, moduleId);
            ModuleVersionsRecord version = modules.find(tenantId, moduleId, installation.getVersion()).orElseThrow();
            modules.saveInstallation(tenantId, moduleId, installation.getVersion(),
                    secrets.seal(merged(secrets.open(installation.getSecrets()), given, manifestOf(version))), caller.userId());
            auditLog.record(caller, AuditAction.MODULE_CONFIGURED, moduleId, client,
                    Map.of("secrets", given == null ? List.of() : List.copyOf(given.keySet())));
            return find(tenantId, moduleId);
        });
    }

    /** Removes the installation, its secrets and the module's stored data; flows calling it then fail their call. */
    public void uninstall(Caller caller, String moduleId, ClientInfo client) {
        UUID tenantId = caller.tenantId();
        transactions.inTenant(tenantId, () -> {
            installed(tenantId, moduleId);
            modules.deleteInstallation(tenantId, moduleId);
            store.deleteAll(tenantId, moduleId);
            runtime.forget(tenantId, moduleId);
            auditLog.record(caller, AuditAction.MODULE_UNINSTALLED, moduleId, client, Map.of());
            return null;
        });
    }

    /**
     * Runs a version once with the given config, outside any conversation, as the builder's "try it":
     * with the tenant's secrets and store, and a sample contact whose changes are not kept. The run
     * is in the execution log like any other.
     */
    public TryResult tryOut(Caller caller, String moduleId, TryRequest request) {
        get(caller, moduleId);
        ModuleRuntime.Run run = runtime.run(caller.tenantId(), null, moduleId, request.version(),
                request.input() == null ? Map.of() : request.input(),
                new EditableContact("15550001111", "Test Customer", null, null));
        return new TryResult(run.execution().outcome(),
                run.result() instanceof ModuleResult.Success success ? success.output() : null,
                run.execution().error(), run.execution().durationMs(), run.execution().logs());
    }

    /** The latest executions first, of one module or of all. */
    public List<ModuleExecution> executions(Caller caller, String moduleId, int limit) {
        if (limit < 1 || limit > 500) {
            throw Problems.invalid("limit", "limit.range", 500);
        }
        return transactions.inTenant(caller.tenantId(), () -> executions.latest(caller.tenantId(), moduleId, limit));
    }

    private static Map<String, String> merged(Map<String, String> kept, Map<String, String> given, ModuleManifest manifest) {
        Map<String, String> secrets = new LinkedHashMap<>(kept);
        if (given != null) {
            for (var entry : given.entrySet()) {
                if (manifest.secrets().stream().noneMatch(s -> s.name().equals(entry.getKey()))) {
                    throw Problems.invalid("secrets." + entry.getKey(), "module.unknown-secret", manifest.id(),
                            manifest.secrets().stream().map(ModuleManifest.SecretSpec::name).toList());
                }
                if (entry.getValue() == null || entry.getValue().isBlank()) {
                    secrets.remove(entry.getKey());
                } else {
                    secrets.put(entry.getKey(), entry.getValue());
                }
            }
        }
        return secrets;
    }

    private ModuleInstallationsRecord installed(UUID tenantId, String moduleId) {
        return modules.installation(tenantId, moduleId).orElseThrow(() ->
                Problems.notFound("module.not-installed", moduleId));
    }

    private MarketplaceModule find(UUID tenantId, String moduleId) {
        List<ModuleVersionsRecord> versions = modules.versions(tenantId, moduleId);
        if (versions.isEmpty()) {
            throw Problems.notFound("module.not-found", moduleId);
        }
        return view(versions, modules.installation(tenantId, moduleId).orElse(null));
    }

    private MarketplaceModule view(List<ModuleVersionsRecord> records, ModuleInstallationsRecord installation) {
        List<ModuleVersionsRecord> ordered = records.stream()
                .sorted(Comparator.comparing(ModuleVersionsRecord::getVersion, SemanticVersions.ORDER)).toList();
        ModuleVersionsRecord latest = ordered.getLast();
        MarketplaceModule.Installation installed = null;
        if (installation != null) {
            Map<String, String> configured = secrets.open(installation.getSecrets());
            ModuleManifest manifest = ordered.stream().filter(v -> v.getVersion().equals(installation.getVersion()))
                    .findFirst().map(ModuleService::manifestOf).orElse(null);
            installed = new MarketplaceModule.Installation(installation.getVersion(), List.copyOf(configured.keySet()),
                    manifest == null ? List.of() : manifest.secrets().stream().map(ModuleManifest.SecretSpec::name)
                            .filter(name -> !configured.containsKey(name)).toList(),
                    installation.getInstalledAt(), installation.getUpdatedAt());
        }
        return new MarketplaceModule(latest.getModuleId(), latest.getKind(), latest.getTenantId() == null ? "PUBLIC" : "PRIVATE",
                ManifestJson.map(latest.getManifest()), ordered.stream().map(v -> new MarketplaceModule.Version(v.getVersion(),
                        v.getCreatedAt(), ManifestJson.map(v.getManifest()))).toList(), installed);
    }

    private static boolean matches(MarketplaceModule module, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String needle = query.strip().toLowerCase(Locale.ROOT);
        return Stream.of(module.id(), module.latest().get("name"), module.latest().get("description"),
                        module.latest().get("author"))
                .anyMatch(field -> field != null && field.toString().toLowerCase(Locale.ROOT).contains(needle));
    }

    private static ModuleManifest manifestOf(ModuleVersionsRecord version) {
        return ManifestJson.read(version.getManifest());
    }

    private static RuntimeException versionExists(ModuleManifest manifest) {
        return Problems.conflict("module.version-exists", manifest.version(), manifest.id());
    }
}
