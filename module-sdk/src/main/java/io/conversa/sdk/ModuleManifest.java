package io.conversa.sdk;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A module's declaration.
 *
 * @param id           stable, lower-case id, e.g. {@code acme.crm-lookup}
 * @param version      semantic version, e.g. {@code 1.2.0}; flows pin one
 * @param configSchema JSON Schema of the node's configuration (the builder renders its form from it)
 * @param secrets      secrets the tenant configures on install (API tokens), stored encrypted
 * @param outputSchema JSON Schema of the output
 * @param capabilities what the module may reach; nothing else is granted
 */
public record ModuleManifest(String id, String name, String version, String description, String author, String icon,
        Map<String, Object> configSchema, List<SecretSpec> secrets, Map<String, Object> outputSchema,
        List<Capability> capabilities) {

    /** Ids and versions name modules in URLs and headers: they stay short. */
    public static final int MAX_ID_LENGTH = 100;
    private static final Pattern ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    public ModuleManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("id must be at most " + MAX_ID_LENGTH + " characters, has " + id.length());
        }
        if (version.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("version must be at most " + MAX_ID_LENGTH + " characters, has " + version.length());
        }
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be lower-case letters and digits separated by '.' or '-': " + id);
        }
        if (!SEMVER.matcher(version).matches()) {
            throw new IllegalArgumentException("version must be a semantic version such as 1.0.0: " + version);
        }
        configSchema = configSchema == null ? Map.of("type", "object") : schema("configSchema", configSchema);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        outputSchema = outputSchema == null ? Map.of() : schema("outputSchema", outputSchema);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    private static Map<String, Object> schema(String field, Map<String, Object> schema) {
        schema.forEach((keyword, value) -> {
            if (keyword == null || value == null) {
                throw new IllegalArgumentException(field + "." + keyword + " must not be null");
            }
        });
        return Map.copyOf(schema);
    }

    /** A secret the tenant enters on install; {@code name} is how the module asks for it. */
    public record SecretSpec(String name, String label, String description) {
    }
}
