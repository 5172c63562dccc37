package io.conversa.core.inbox;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A canned answer agents insert by typing {@code /shortcut}.
 *
 * @param body the text, with {@code {{contact.name}}}-style placeholders filled in for each conversation
 */
public record QuickReply(UUID id, String shortcut, String body, OffsetDateTime updatedAt) {

    /** A quick reply to save. */
    public record Draft(
            @Schema(example = "thanks") @NotBlank @Size(max = 32)
            @Pattern(regexp = "[a-z0-9_-]+", message = "must be lowercase letters, digits, - and _") String shortcut,
            @Schema(example = "Thank you, {{contact.name}}! Anything else I can help with?") @NotBlank @Size(max = 4096)
            String body) {
    }
}
