package io.conversa.modules.js;

import io.conversa.sdk.ActionModule;
import io.conversa.sdk.ModuleContext;
import io.conversa.sdk.ModuleException;
import io.conversa.sdk.ModuleHttp;
import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A module written in JavaScript: its source defines {@code execute(input, context)} and runs in the
 * {@link JsSandbox}. {@code context} offers {@code log.info/warn}, {@code http.fetch({method, url,
 * headers, body})}, {@code store.get/put/delete}, {@code secret(name)} and {@code deadline()}, each
 * only as far as the manifest's capabilities and the {@link ModuleContext} allow.
 *
 * @param scope whose copy this is (the platform uses the tenant and module version): warm contexts
 *              are never shared between scopes
 */
public record JsModule(JsSandbox sandbox, String scope, ModuleManifest manifest, String source)
        implements ActionModule {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public ModuleResult execute(ModuleContext context, Map<String, Object> input) {
        try {
            String output = sandbox.call(scope, source, JSON.writeValueAsString(input), host(context),
                    context.deadline());
            return ModuleResult.success(JSON.readValue(output, Object.class));
        } catch (JsFailure failure) {
            return ModuleResult.failure(failure.getMessage());
        }
    }

    private static JsSandbox.Host host(ModuleContext context) {
        return (operation, argumentJson) -> {
            Object argument = read(argumentJson);
            Object answer = switch (operation) {
                case "log.info" -> {
                    context.log().info((String) argument);
                    yield null;
                }
                case "log.warn" -> {
                    context.log().warn((String) argument);
                    yield null;
                }
                case "http.fetch" -> fetch(context, argument);
                case "store.get" -> store(context).get((String) argument).orElse(null);
                case "store.put" -> {
                    List<?> pair = (List<?>) argument;
                    store(context).put((String) pair.get(0), (String) pair.get(1));
                    yield null;
                }
                case "store.delete" -> {
                    store(context).delete((String) argument);
                    yield null;
                }
                case "secret" -> context.secret((String) argument).orElse(null);
                case "deadline" -> context.deadline().toString();
                default -> throw new ModuleException("Unknown host operation " + operation);
            };
            return JSON.writeValueAsString(answer);
        };
    }

    private static Map<String, Object> fetch(ModuleContext context, Object argument) {
        ModuleHttp http = context.http().orElseThrow(() -> new ModuleException(
                "HTTP is not available: the module's manifest does not ask for the http capability."));
        if (!(argument instanceof Map<?, ?> request) || !(request.get("url") instanceof String url)) {
            throw new ModuleException("http.fetch needs an object with a url.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (request.get("headers") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
        }
        Object body = request.get("body");
        ModuleHttp.Response response = http.send(new ModuleHttp.Request(
                request.get("method") instanceof String method ? method : "GET", url, headers,
                body == null || body instanceof String ? (String) body : JSON.writeValueAsString(body)));
        return Map.of("status", response.status(), "headers", response.headers(), "body", response.body());
    }

    private static io.conversa.sdk.KeyValueStore store(ModuleContext context) {
        return context.store().orElseThrow(() -> new ModuleException(
                "The store is not available: the module's manifest does not ask for the keyValueStore capability."));
    }

    /** The prelude sends JSON it made itself; only the values can be of the wrong kind. */
    private static Object read(String json) {
        return JSON.readValue(json, Object.class);
    }
}
