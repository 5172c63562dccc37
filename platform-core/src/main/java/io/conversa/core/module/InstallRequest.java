package io.conversa.core.module;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;

/** Installs a module version (or moves an installation to another one), optionally with secrets. */
public record InstallRequest(@NotBlank String version, Map<String, String> secrets) {
}
