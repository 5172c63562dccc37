package io.conversa.core.contact;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * Changes to a contact; what is absent stays. {@code tags} replaces the tags; {@code attributes}
 * is merged: a name with a value sets it, a name with null removes it.
 */
public record ContactUpdate(
        @Schema(example = "Ana S.") String name,
        @Schema(example = "[\"vip\"]") List<String> tags,
        @Schema(example = "{\"plan\": \"platinum\", \"city\": null}") Map<String, String> attributes) {
}
