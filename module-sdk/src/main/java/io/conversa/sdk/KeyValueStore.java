package io.conversa.sdk;

import java.util.Optional;

/** A tenant's small key-value store for one module (strings up to the host's size limit). */
public interface KeyValueStore {

    Optional<String> get(String key);

    void put(String key, String value);

    void delete(String key);
}
