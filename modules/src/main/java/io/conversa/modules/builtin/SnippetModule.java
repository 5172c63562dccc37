package io.conversa.modules.builtin;

import io.conversa.modules.js.JsModule;
import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.ActionModule;
import io.conversa.sdk.ModuleContext;
import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import java.util.HashMap;
import java.util.Map;

/**
 * A built-in that runs a builder's snippet of JavaScript over one value of its config, as a module of
 * its own in the sandbox, in the calling tenant's scope (it reaches nothing outside).
 */
abstract class SnippetModule implements ActionModule {

    private static final ModuleManifest SNIPPET = new ModuleManifest("conversa.snippet", "Snippet", "1.0.0",
            null, null, null, null, null, null, null);

    private final JsSandbox sandbox;
    private final ModuleManifest manifest;
    private final String codeField;
    private final String valueField;

    SnippetModule(JsSandbox sandbox, ModuleManifest manifest, String codeField, String valueField) {
        this.sandbox = sandbox;
        this.manifest = manifest;
        this.codeField = codeField;
        this.valueField = valueField;
    }

    /** The module source around the snippet; its {@code execute} receives {@code {value}}. */
    abstract String source(String snippet);

    @Override
    public final ModuleManifest manifest() {
        return manifest;
    }

    @Override
    public final ModuleResult execute(ModuleContext context, Map<String, Object> input) {
        if (!(input.get(codeField) instanceof String snippet) || snippet.isBlank()) {
            return ModuleResult.failure(codeField + " is required.");
        }
        Map<String, Object> call = new HashMap<>();
        call.put("value", input.get(valueField));
        return new JsModule(sandbox, context.scope() + "/snippet", SNIPPET, source(snippet)).execute(context, call);
    }
}
