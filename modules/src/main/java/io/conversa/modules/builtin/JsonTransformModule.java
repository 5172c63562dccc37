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
 * Reshapes data with one JavaScript expression over {@code data}, e.g.
 * {@code data.items.filter(i => i.inStock).map(i => i.name)}, evaluated in the sandbox.
 */
public final class JsonTransformModule implements ActionModule {

    private static final ModuleManifest MANIFEST = new ModuleManifest("conversa.json-transform", "JSON transform", "1.0.0",
            "Reshape data with a JavaScript expression over `data`.", "Conversa", "braces", Json.object("""
                    {"type": "object", "required": ["expression"],
                     "properties": {
                       "data": {"title": "Data", "description": "Usually one variable, e.g. {{order}}"},
                       "expression": {"type": "string", "title": "Expression", "format": "javascript",
                         "description": "e.g. data.items.map(i => i.name).join(', ')"}
                     }}"""),
            List.of(), Map.of(), List.of());

    private final JsSandbox sandbox;

    public JsonTransformModule(JsSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public ModuleManifest manifest() {
        return MANIFEST;
    }

    @Override
    public ModuleResult execute(ModuleContext context, Map<String, Object> input) {
        if (!(input.get("expression") instanceof String expression) || expression.isBlank()) {
            return ModuleResult.failure("expression is required.");
        }
        String source = "function execute(input) {\n  const data = input.data;\n  return (" + expression + "\n  );\n}";
        Map<String, Object> data = new HashMap<>();
        data.put("data", input.get("data"));
        return Sandboxed.call(sandbox, context, source, data);
    }
}
