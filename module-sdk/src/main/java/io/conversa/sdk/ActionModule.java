package io.conversa.sdk;

import java.util.Map;

/**
 * What a flow's {@code action} node calls. Implementations must be stateless between calls (the
 * host may run one instance for many tenants at once) and keep to what {@link ModuleContext}
 * grants: its HTTP client, key-value store, secrets and deadline.
 */
public interface ActionModule {

    /** Who the module is and what it needs: shown in the marketplace, checked on install. */
    ModuleManifest manifest();

    /**
     * Runs one call.
     *
     * @param input the node's configuration with its {@code {{variable}}} templates already filled in
     * @return the output (stored in the node's output variable) or a failure (the node follows {@code error})
     */
    ModuleResult execute(ModuleContext context, Map<String, Object> input);
}
