package io.conversa.core.apikey;

import io.conversa.core.security.Caller;
import java.util.List;

/**
 * A live key presented with a request.
 *
 * @param scopes            what it is narrowed to; null: whatever its role allows
 * @param requestsPerMinute its own rate, or null for the operator's default
 */
public record AuthenticatedKey(Caller caller, List<String> scopes, Integer requestsPerMinute) {

    /** Whether the key may make a request that needs this scope (null: one every key may make). */
    public boolean allows(String scope) {
        return scope == null || scopes == null || scopes.contains(scope);
    }
}
