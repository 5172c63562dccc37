package io.conversa.core.module;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/** One trial run of a module version with a config, as an action node would call it. */
public record TryRequest(@NotBlank String version, Map<String, Object> input) {
}
