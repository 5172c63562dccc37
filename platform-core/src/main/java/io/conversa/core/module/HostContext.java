package io.conversa.core.module;

import io.conversa.core.db.Transactions;
import io.conversa.sdk.AllowedHostsHttp;
import io.conversa.sdk.Capability;
import io.conversa.sdk.ContactProfile;
import io.conversa.sdk.EditableContact;
import io.conversa.sdk.KeyValueStore;
import io.conversa.sdk.ModuleContext;
import io.conversa.sdk.ModuleException;
import io.conversa.sdk.ModuleHttp;
import io.conversa.sdk.ModuleLog;
import io.conversa.sdk.ModuleManifest;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the platform grants one module call: only the capabilities its manifest declares. */
final class HostContext implements ModuleContext {

    static final int MAX_LOG_LINES = 100;
    static final int MAX_LOG_LINE = 1000;
    static final int MAX_KEY = 200;
    static final int MAX_VALUE = 64 * 1024;
    static final int MAX_KEYS = 1000;

    /** What the host needs besides the manifest; shared by every call. */
    record Services(Transactions transactions, ModuleStoreRepository store, HttpClient http, int maxResponseBytes,
            boolean privateNetworks) {
    }

    private final Services services;
    private final UUID tenantId;
    private final ModuleManifest manifest;
    private final Map<String, String> secrets;
    private final EditableContact contact;
    private final Instant deadline;
    private final List<String> logs = new ArrayList<>();

    HostContext(Services services, UUID tenantId, ModuleManifest manifest, Map<String, String> secrets,
            EditableContact contact, Instant deadline) {
        this.services = services;
        this.tenantId = tenantId;
        this.manifest = manifest;
        this.secrets = secrets;
        this.contact = contact;
        this.deadline = deadline;
    }

    /** The lines logged, as {@code INFO ...} / {@code WARN ...}; past the cap, one line says how many were dropped. */
    synchronized List<String> logs() {
        return List.copyOf(logs);
    }

    @Override
    public ModuleLog log() {
        return new ModuleLog() {
            @Override
            public void info(String message) {
                add("INFO ", message);
            }

            @Override
            public void warn(String message) {
                add("WARN ", message);
            }
        };
    }

    private synchronized void add(String level, String message) {
        if (logs.size() < MAX_LOG_LINES) {
            String line = level + message;
            logs.add(line.length() > MAX_LOG_LINE ? line.substring(0, MAX_LOG_LINE) + "..." : line);
        } else if (logs.size() == MAX_LOG_LINES) {
            logs.add("WARN more lines were logged than the " + MAX_LOG_LINES + " kept");
        }
    }

    @Override
    public Optional<ModuleHttp> http() {
        return declared(Capability.Http.class).map(allowed -> new AllowedHostsHttp(allowed, deadline,
                services.maxResponseBytes(), services.http(), services.privateNetworks()));
    }

    @Override
    public Optional<KeyValueStore> store() {
        return declared(Capability.KeyValueStore.class).map(unused -> new KeyValueStore() {
            @Override
            public Optional<String> get(String key) {
                return services.transactions().inTenant(tenantId, () -> services.store().get(tenantId, manifest.id(), key));
            }

            @Override
            public void put(String key, String value) {
                if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
                    throw new ModuleException("A store key is 1 to " + MAX_KEY + " characters.");
                }
                if (value == null || value.length() > MAX_VALUE) {
                    throw new ModuleException("A store value is at most " + MAX_VALUE + " characters; null is not a value.");
                }
                services.transactions().inTenant(tenantId, () -> {
                    if (services.store().get(tenantId, manifest.id(), key).isEmpty()
                            && services.store().count(tenantId, manifest.id()) >= MAX_KEYS) {
                        throw new ModuleException("The store holds " + MAX_KEYS + " keys, its limit; delete some first.");
                    }
                    services.store().put(tenantId, manifest.id(), key, value);
                    return null;
                });
            }

            @Override
            public void delete(String key) {
                services.transactions().inTenant(tenantId, () -> {
                    services.store().delete(tenantId, manifest.id(), key);
                    return null;
                });
            }
        });
    }

    @Override
    public Optional<ContactProfile> contact() {
        return declared(Capability.Contact.class).map(unused -> contact);
    }

    @Override
    public String scope() {
        return tenantId + "/" + manifest.id() + "@" + manifest.version();
    }

    @Override
    public Optional<String> secret(String name) {
        boolean declared = manifest.secrets().stream().anyMatch(secret -> secret.name().equals(name));
        return declared ? Optional.ofNullable(secrets.get(name)) : Optional.empty();
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    private <T extends Capability> Optional<T> declared(Class<T> type) {
        return manifest.capabilities().stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
