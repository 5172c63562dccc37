package io.conversa.core.module;

import io.conversa.core.security.SecretCipher;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A tenant's secrets for one module, stored as one encrypted JSON object. */
@Component
class ModuleSecrets {

    private final SecretCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();

    ModuleSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    byte[] seal(Map<String, String> secrets) {
        return secrets.isEmpty() ? null : cipher.encrypt(json.writeValueAsString(secrets));
    }

    Map<String, String> open(byte[] sealed) {
        return sealed == null ? Map.of() : json.readValue(cipher.decrypt(sealed), new TypeReference<Map<String, String>>() {
        });
    }
}
