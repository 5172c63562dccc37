package io.conversa.modules.builtin;

import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.ActionModule;
import java.util.List;

/** The modules every tenant has, written against the public SDK like any other. */
public final class BuiltinModules {

    private BuiltinModules() {
    }

    public static List<ActionModule> all(JsSandbox sandbox, EmailSettings email) {
        return List.of(new HttpRequestModule(), new JsonTransformModule(sandbox), new JavaScriptModule(sandbox),
                new ContactModule(), new EmailModule(email));
    }
}
