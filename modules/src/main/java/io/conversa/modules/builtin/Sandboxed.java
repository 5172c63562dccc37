package io.conversa.modules.builtin;

import io.conversa.modules.js.JsModule;
import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.ModuleContext;
import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import java.util.Map;

/** Runs a builder's snippet as a module of its own, in the calling tenant's scope. */
final class Sandboxed {

    private static final ModuleManifest SNIPPET = new ModuleManifest("conversa.snippet", "Snippet", "1.0.0",
            null, null, null, null, null, null, null);

    private Sandboxed() {
    }

    static ModuleResult call(JsSandbox sandbox, ModuleContext context, String source, Map<String, Object> input) {
        return new JsModule(sandbox, context.scope() + "/snippet", SNIPPET, source).execute(context, input);
    }
}
