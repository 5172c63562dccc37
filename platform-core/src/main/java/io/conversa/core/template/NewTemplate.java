package io.conversa.core.template;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A template to submit for Meta's review, in the Graph API's terms: {@code components} as
 * {@code /{waba-id}/message_templates} takes them (a BODY at least, with {@code {{1}}} placeholders
 * and their {@code example}).
 */
public record NewTemplate(
        @NotBlank @Size(max = 512) @Pattern(regexp = "[a-z0-9_]+", message = "must be lowercase letters, digits and underscores")
        String name,
        @NotBlank @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "must be a WhatsApp language code such as pt_BR or en")
        String language,
        @NotBlank @Pattern(regexp = "MARKETING|UTILITY|AUTHENTICATION") String category,
        @NotEmpty @Size(max = 10) List<Map<String, Object>> components) {
}
