package io.conversa.core.module;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** A JavaScript module a tenant uploads: its manifest (see {@link ManifestJson}) and its source. */
public record NewModule(@NotNull Map<String, Object> manifest, @NotBlank String source) {
}
