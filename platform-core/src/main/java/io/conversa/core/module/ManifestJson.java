package io.conversa.core.module;

import io.conversa.core.web.Problems;
import io.conversa.sdk.Capability;
import io.conversa.sdk.ModuleManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A manifest as JSON, the form tenants upload and the API shows:
 *
 * <pre>{@code
 * {"id": "acme.crm-lookup", "name": "CRM lookup", "version": "1.0.0", "description": "...", "author": "Acme",
 *  "icon": "search", "configSchema": {...}, "outputSchema": {...},
 *  "secrets": [{"name": "apiKey", "label": "API key", "description": "..."}],
 *  "capabilities": {"http": {"hosts": ["api.acme.com"]}, "keyValueStore": true, "contact": true}}
 * }</pre>
 */
final class ManifestJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private ManifestJson() {
    }

    /** A manifest as stored in the catalogue. */
    static JSONB jsonb(ModuleManifest manifest) {
        return JSONB.valueOf(JSON.writeValueAsString(write(manifest)));
    }

    /** A stored manifest, as the API shows it. */
    static Map<String, Object> map(JSONB stored) {
        return parse(stored.data());
    }

    static ModuleManifest read(JSONB stored) {
        return read(map(stored));
    }

    /** A JSON object; malformed JSON throws Jackson's exception. */
    static Map<String, Object> parse(String json) {
        return JSON.readValue(json, OBJECT);
    }

    static Map<String, Object> write(ModuleManifest manifest) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", manifest.id());
        json.put("name", manifest.name());
        json.put("version", manifest.version());
        json.put("description", manifest.description());
        json.put("author", manifest.author());
        json.put("icon", manifest.icon());
        json.put("configSchema", manifest.configSchema());
        json.put("outputSchema", manifest.outputSchema());
        json.put("secrets", manifest.secrets().stream().map(secret -> {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", secret.name());
            spec.put("label", secret.label());
            spec.put("description", secret.description());
            return spec;
        }).toList());
        Map<String, Object> capabilities = new LinkedHashMap<>();
        for (Capability capability : manifest.capabilities()) {
            switch (capability) {
                case Capability.Http http -> capabilities.put("http", Map.of("hosts", http.hosts()));
                case Capability.KeyValueStore store -> capabilities.put("keyValueStore", true);
                case Capability.Contact contact -> capabilities.put("contact", true);
            }
        }
        json.put("capabilities", capabilities);
        return json;
    }

    /** Reads an uploaded manifest; a wrong field is a 400 that names it. */
    static ModuleManifest read(Map<String, Object> json) {
        if (json == null) {
            throw Problems.invalid("manifest", "field.required");
        }
        List<ModuleManifest.SecretSpec> secrets = new ArrayList<>();
        if (json.get("secrets") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> spec) || !(spec.get("name") instanceof String name) || name.isBlank()) {
                    throw Problems.invalid("manifest.secrets[" + i + "]", "module.secret-spec");
                }
                secrets.add(new ModuleManifest.SecretSpec(name, text(spec.get("label"), name),
                        text(spec.get("description"), null)));
            }
        } else if (json.get("secrets") != null) {
            throw Problems.invalid("manifest.secrets", "json.not-a-list");
        }
        try {
            return new ModuleManifest(string(json, "id"), string(json, "name"), string(json, "version"),
                    text(json.get("description"), null), text(json.get("author"), null), text(json.get("icon"), null),
                    object(json, "configSchema"), secrets, object(json, "outputSchema"), capabilities(json.get("capabilities")));
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("manifest", "verbatim", e.getMessage());
        }
    }

    private static List<Capability> capabilities(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw Problems.invalid("manifest.capabilities", "module.capabilities", "{\"http\": {\"hosts\": [...]}}");
        }
        List<Capability> capabilities = new ArrayList<>();
        for (var entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            switch (name) {
                case "http" -> {
                    if (!(entry.getValue() instanceof Map<?, ?> http) || !(http.get("hosts") instanceof List<?> hosts)
                            || hosts.isEmpty() || !hosts.stream().allMatch(h -> h instanceof String s && !s.isBlank())) {
                        throw Problems.invalid("manifest.capabilities.http", "module.http-hosts", "{\"hosts\": [\"api.example.com\"]}");
                    }
                    capabilities.add(new Capability.Http(hosts.stream().map(String.class::cast).toList()));
                }
                case "keyValueStore" -> {
                    if (Boolean.TRUE.equals(entry.getValue())) {
                        capabilities.add(new Capability.KeyValueStore());
                    }
                }
                case "contact" -> {
                    if (Boolean.TRUE.equals(entry.getValue())) {
                        capabilities.add(new Capability.Contact());
                    }
                }
                default -> throw Problems.invalid("manifest.capabilities." + name, "module.unknown-capability");
            }
        }
        return capabilities;
    }

    private static String string(Map<String, Object> json, String field) {
        if (!(json.get(field) instanceof String value) || value.isBlank()) {
            throw Problems.invalid("manifest." + field, "field.required");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value != null && !(value instanceof Map)) {
            throw Problems.invalid("manifest." + field, "module.json-schema");
        }
        return (Map<String, Object>) value;
    }

    private static String text(Object value, String otherwise) {
        return value instanceof String text && !text.isBlank() ? text : otherwise;
    }
}
