package io.conversa.core.apikey;

import io.conversa.core.web.Problems.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an API key may be narrowed to: {@code <resource>:read} and {@code <resource>:write} per
 * resource of the API, plus {@code messages:send} and {@code flows:start}, which reach customers.
 * A request needs one scope, found from its method and path; the role still applies besides.
 */
public final class ApiScopes {

    public static final List<String> ALL = List.of(
            "conversations:read", "conversations:write", "contacts:read", "contacts:write", "messages:read",
            "messages:send", "flows:read", "flows:write", "flows:start", "templates:read", "templates:write",
            "channels:read", "channels:write", "events:read", "webhooks:read", "webhooks:write", "modules:read",
            "modules:write", "users:read", "users:write", "api-keys:read", "api-keys:write", "audit:read", "analytics:read");
    private static final Set<String> OPEN = Set.of("me", "auth", "signup");
    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private ApiScopes() {
    }

    /** The scope a request to {@code /api/v1/...} needs; null for what every key may call (its own identity). */
    public static String required(String method, String path) {
        String[] segments = path.replaceFirst("^/api/v1/?", "").split("/");
        String resource = segments[0];
        if (resource.isEmpty() || OPEN.contains(resource)) {
            return null;
        }
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if ("channels".equals(resource) && segments.length > 2 && "templates".equals(segments[2])) {
            resource = "templates";
        } else if ("flows".equals(resource) && !read && segments.length == 3 && "start".equals(segments[2])) {
            return "flows:start";
        } else if ("messages".equals(resource) && !read) {
            return "messages:send";
        } else if ("webhook-subscriptions".equals(resource)) {
            resource = "webhooks";
        } else if ("quick-replies".equals(resource) || "presence".equals(resource) || "conversations".equals(resource) && segments.length > 2
                && "quick-replies".equals(segments[2])) {
            resource = "conversations";
        } else if ("audit-events".equals(resource)) {
            resource = "audit";
        }
        return resource + (read ? ":read" : ":write");
    }

    /** Every scope of a request to create a key that is not one, by its index. */
    static List<FieldError> unknown(List<String> scopes) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            if (!KNOWN.contains(scopes.get(i))) {
                errors.add(FieldError.of("scopes[" + i + "]", "api-key.unknown-scope", String.join(", ", ALL)));
            }
        }
        return errors;
    }
}
