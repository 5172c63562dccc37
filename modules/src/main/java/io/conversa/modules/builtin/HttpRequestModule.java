package io.conversa.modules.builtin;

import io.conversa.sdk.ActionModule;
import io.conversa.sdk.Capability;
import io.conversa.sdk.ModuleContext;
import io.conversa.sdk.ModuleException;
import io.conversa.sdk.ModuleHttp;
import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Calls any public HTTP(S) API. The output is {@code {status, ok, headers, body}} ({@code body}
 * parsed when the answer is JSON) plus one entry per {@code responseMapping} name, read from the
 * body by a dotted path such as {@code data.items.0.id}. An answer outside 2xx fails the call
 * (the flow follows {@code error}) unless {@code failOnErrorStatus} is false.
 */
public final class HttpRequestModule implements ActionModule {

    private static final Set<String> RESERVED = Set.of("status", "ok", "headers", "body");

    private static final ModuleManifest MANIFEST = new ModuleManifest("conversa.http-request", "HTTP request", "1.0.0",
            "Call an API: method, URL, headers and body with {{variables}}; map the answer into variables.",
            "Conversa", "globe", Json.object("""
                    {"type": "object", "required": ["url"],
                     "properties": {
                       "method": {"type": "string", "enum": ["GET", "POST", "PUT", "PATCH", "DELETE"], "default": "GET"},
                       "url": {"type": "string", "format": "uri", "title": "URL"},
                       "headers": {"type": "object", "additionalProperties": {"type": "string"}},
                       "body": {"type": "string", "title": "Body"},
                       "timeoutSeconds": {"type": "integer", "minimum": 1, "maximum": 30, "default": 10},
                       "responseMapping": {"type": "object", "additionalProperties": {"type": "string"},
                         "description": "Output name -> path in the JSON answer, e.g. data.items.0.id"},
                       "failOnErrorStatus": {"type": "boolean", "default": true}
                     }}"""),
            List.of(), Json.object("""
                    {"type": "object", "properties": {
                       "status": {"type": "integer"}, "ok": {"type": "boolean"},
                       "headers": {"type": "object"}, "body": {}}}"""),
            List.of(new Capability.Http(List.of(Capability.Http.ANY_PUBLIC_HOST))));

    @Override
    public ModuleManifest manifest() {
        return MANIFEST;
    }

    @Override
    public ModuleResult execute(ModuleContext context, Map<String, Object> input) {
        if (!(input.get("url") instanceof String url) || url.isBlank()) {
            return ModuleResult.failure("url is required.");
        }
        String method = input.get("method") instanceof String m ? m.toUpperCase(Locale.ROOT) : "GET";
        Map<String, String> headers = new LinkedHashMap<>();
        if (input.get("headers") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> headers.put(String.valueOf(name), value == null ? "" : String.valueOf(value)));
        }
        Object body = input.get("body");
        Duration timeout = Duration.ofSeconds(input.get("timeoutSeconds") instanceof Number n
                ? Math.clamp(n.longValue(), 1, 30) : 10);
        ModuleHttp http = context.http().orElseThrow(() -> new ModuleException("HTTP was not granted."));
        ModuleHttp.Response response = http.send(new ModuleHttp.Request(method, url, headers,
                body == null || body instanceof String ? (String) body : Json.write(body), timeout));
        boolean ok = response.status() / 100 == 2;
        if (!ok && !Boolean.FALSE.equals(input.get("failOnErrorStatus"))) {
            return ModuleResult.failure("HTTP " + response.status() + " from " + url + ": " + abbreviate(response.body()));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", response.status());
        output.put("ok", ok);
        output.put("headers", response.headers());
        JsonNode json = parse(response.body());
        output.put("body", json == null ? response.body() : Json.MAPPER.treeToValue(json, Object.class));
        if (input.get("responseMapping") instanceof Map<?, ?> mapping) {
            for (var entry : mapping.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (RESERVED.contains(name)) {
                    return ModuleResult.failure("responseMapping may not use the name " + name
                            + "; it is part of every answer.");
                }
                JsonNode value = json == null ? null : json.at(pointer(String.valueOf(entry.getValue())));
                output.put(name, value == null || value.isMissingNode() ? null : Json.MAPPER.treeToValue(value, Object.class));
            }
        }
        return ModuleResult.success(output);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** {@code data.items.0.id} as the JSON Pointer {@code /data/items/0/id}. */
    private static String pointer(String path) {
        StringBuilder pointer = new StringBuilder();
        for (String segment : path.split("\\.")) {
            if (!segment.isEmpty()) {
                pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
