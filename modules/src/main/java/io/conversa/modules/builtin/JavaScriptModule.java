package io.conversa.modules.builtin;

import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.ModuleManifest;
import java.util.List;
import java.util.Map;

/**
 * The builder's code node: a JavaScript function body over {@code input} that returns the output,
 * with {@code context.log} for the execution log. Runs in the sandbox; it reaches nothing outside.
 */
public final class JavaScriptModule extends SnippetModule {

    private static final ModuleManifest MANIFEST = new ModuleManifest("conversa.javascript", "Run JavaScript", "1.0.0",
            "Run a few lines of JavaScript over `input` and return the result.", "Conversa", "code", Json.object("""
                    {"type": "object", "required": ["code"],
                     "properties": {
                       "input": {"title": "Input", "description": "Usually one variable, e.g. {{cart}}"},
                       "code": {"type": "string", "title": "Code", "format": "javascript",
                         "description": "A function body, e.g. return input.items.length > 3 ? 'big' : 'small';"}
                     }}"""),
            List.of(), Map.of(), List.of());

    public JavaScriptModule(JsSandbox sandbox) {
        super(sandbox, MANIFEST, "code", "input");
    }

    @Override
    String source(String code) {
        return "function execute(call, context) {\n  const input = call.value;\n" + code + "\n}";
    }
}
