package io.conversa.core.apikey;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to creating a key: the only time the key itself is shown. */
public record CreatedApiKey(@JsonUnwrapped ApiKey apiKey, String key) {
}
