package io.conversa.sdk;

import java.time.Instant;
import java.util.Optional;

/** What the host grants one call; capabilities not declared in the manifest are absent. */
public interface ModuleContext {

    ModuleLog log();

    /** The HTTP client, when the manifest asks for {@link Capability.Http}; it refuses other hosts. */
    Optional<ModuleHttp> http();

    /** The tenant's store, when the manifest asks for {@link Capability.KeyValueStore}. */
    Optional<KeyValueStore> store();

    /** The conversation's contact, when the manifest asks for {@link Capability.Contact}. */
    Optional<ContactProfile> contact();

    /**
     * An opaque name of whose call this is (tenant and module): what a module that keeps caches or
     * runs tenants' code must key them by, so nothing is shared between tenants.
     */
    String scope();

    /** A secret the tenant configured for this module, by its declared name. */
    Optional<String> secret(String name);

    /** When the call must be finished; work past it is abandoned and the call fails. */
    Instant deadline();
}
