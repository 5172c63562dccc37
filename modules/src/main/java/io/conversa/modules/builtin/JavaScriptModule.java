package io.conversa.modules.builtin;

import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.ActionModule;
import io.conversa.sdk.ModuleContext;
import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The builder's code node: a JavaScript function body over {@code input} that returns the output,
 * with {@code context.log} for the execution log. Runs in the sandbox; it reaches nothing outside.
 */
public final class JavaScriptModule implements ActionModule {

    private static final ModuleManifest MANIFEST = new ModuleManifest("conversa.javascript", "Run JavaScript", "1.0.0",
            "Run a few lines of JavaScript over `input` and return the result.", "Conversa", "code", Json.object("""
                    {"type": "object", "required": ["code"],
                     "properties": {
                       "input": {"title": "Input", "description": "Usually one variable, e.g. {{cart}}"},
                       "code": {"type": "string", "title": "Code", "format": "javascript",
                         "description": "A function body, e.g. return input.items.length > 3 ? 'big' : 'small';"}
                     }}"""),
            List.of(), Map.of(), List.of());

    private final JsSandbox sandbox;

    public JavaScriptModule(JsSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public ModuleManifest manifest() {
        return MANIFEST;
    }

    @Override
    public ModuleResult execute(ModuleContext context, Map<String, Object> input) {
        if (!(input.get("code") instanceof String code) || code.isBlank()) {
            return ModuleResult.failure("code is required.");
        }
        String source = "function execute(call, context) {\n  const input = call.input;\n" + code + "\n}";
        Map<String, Object> call = new HashMap<>();
        call.put("input", input.get("input"));
        return Sandboxed.call(sandbox, context, source, call);
    }
}
