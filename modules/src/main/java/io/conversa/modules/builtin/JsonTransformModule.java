package io.conversa.modules.builtin;

import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.ModuleManifest;
import java.util.List;
import java.util.Map;

/**
 * Reshapes data with one JavaScript expression over {@code data}, e.g.
 * {@code data.items.filter(i => i.inStock).map(i => i.name)}, evaluated in the sandbox.
 */
public final class JsonTransformModule extends SnippetModule {

    private static final ModuleManifest MANIFEST = new ModuleManifest("conversa.json-transform", "JSON transform", "1.0.0",
            "Reshape data with a JavaScript expression over `data`.", "Conversa", "braces", Json.object("""
                    {"type": "object", "required": ["expression"],
                     "properties": {
                       "data": {"title": "Data", "description": "Usually one variable, e.g. {{order}}"},
                       "expression": {"type": "string", "title": "Expression", "format": "javascript",
                         "description": "e.g. data.items.map(i => i.name).join(', ')"}
                     }}"""),
            List.of(), Map.of(), List.of());

    public JsonTransformModule(JsSandbox sandbox) {
        super(sandbox, MANIFEST, "expression", "data");
    }

    @Override
    String source(String expression) {
        return "function execute(call) {\n  const data = call.value;\n  return (" + expression + "\n  );\n}";
    }
}
