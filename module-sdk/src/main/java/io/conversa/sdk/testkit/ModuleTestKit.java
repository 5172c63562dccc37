package io.conversa.sdk.testkit;

import io.conversa.sdk.ActionModule;
import io.conversa.sdk.AllowedHostsHttp;
import io.conversa.sdk.Capability;
import io.conversa.sdk.ContactProfile;
import io.conversa.sdk.EditableContact;
import io.conversa.sdk.KeyValueStore;
import io.conversa.sdk.ModuleContext;
import io.conversa.sdk.ModuleHttp;
import io.conversa.sdk.ModuleLog;
import io.conversa.sdk.ModuleResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a module the way the platform does, without the platform: only the capabilities its
 * manifest declares, real HTTP limited to the declared hosts, an in-memory store kept across calls,
 * the secrets given here, and the logs collected for assertions.
 *
 * <pre>{@code
 * var kit = new ModuleTestKit(new MyModule()).secret("apiKey", "test-key");
 * ModuleResult result = kit.execute(Map.of("email", "ada@example.com"));
 * }</pre>
 */
public final class ModuleTestKit {

    private final ActionModule module;
    private final Map<String, String> secrets = new HashMap<>();
    private final Map<String, String> store = new HashMap<>();
    private final List<String> logs = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(10);
    private boolean privateNetworks;
    private EditableContact contact = new EditableContact("15550001111", "Test Customer", null, null);

    public ModuleTestKit(ActionModule module) {
        this.module = module;
    }

    public ModuleTestKit secret(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    public ModuleTestKit timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The contact the module sees (a default test customer otherwise); it keeps the module's changes. */
    public ModuleTestKit contact(EditableContact contact) {
        this.contact = contact;
        return this;
    }

    public EditableContact contact() {
        return contact;
    }

    /**
     * Lets a module whose manifest allows any host ({@code *}) reach private and loopback addresses,
     * as a test server on this machine needs; the platform refuses them unless its operator allows them.
     */
    public ModuleTestKit allowPrivateNetworks() {
        this.privateNetworks = true;
        return this;
    }

    public ModuleResult execute(Map<String, Object> input) {
        Instant deadline = Instant.now().plus(timeout);
        return module.execute(new Context(deadline), input);
    }

    /** Every line logged so far, as {@code INFO message} or {@code WARN message}. */
    public List<String> logs() {
        return List.copyOf(logs);
    }

    /** The store's content, as the module left it. */
    public Map<String, String> store() {
        return Map.copyOf(store);
    }

    private <T extends Capability> Optional<T> declared(Class<T> type) {
        return module.manifest().capabilities().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private final class Context implements ModuleContext {

        private final Instant deadline;

        Context(Instant deadline) {
            this.deadline = deadline;
        }

        @Override
        public ModuleLog log() {
            return new ModuleLog() {
                @Override
                public void info(String message) {
                    logs.add("INFO " + message);
                }

                @Override
                public void warn(String message) {
                    logs.add("WARN " + message);
                }
            };
        }

        @Override
        public Optional<ModuleHttp> http() {
            return declared(Capability.Http.class)
                    .map(http -> new AllowedHostsHttp(http, deadline, 1_000_000, AllowedHostsHttp.newClient(), privateNetworks));
        }

        @Override
        public Optional<KeyValueStore> store() {
            return declared(Capability.KeyValueStore.class).map(unused -> new KeyValueStore() {
                @Override
                public Optional<String> get(String key) {
                    return Optional.ofNullable(store.get(key));
                }

                @Override
                public void put(String key, String value) {
                    store.put(key, value);
                }

                @Override
                public void delete(String key) {
                    store.remove(key);
                }
            });
        }

        @Override
        public Optional<ContactProfile> contact() {
            return declared(Capability.Contact.class).map(unused -> contact);
        }

        @Override
        public String scope() {
            return "test/" + module.manifest().id();
        }

        @Override
        public Optional<String> secret(String name) {
            boolean declared = module.manifest().secrets().stream().anyMatch(s -> s.name().equals(name));
            return declared ? Optional.ofNullable(secrets.get(name)) : Optional.empty();
        }

        @Override
        public Instant deadline() {
            return deadline;
        }
    }
}
