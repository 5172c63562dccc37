package io.conversa.core.template;

import io.swagger.v3.oas.annotations.media.Schema;
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
        @Schema(example = "order_shipped") String name,
        @NotBlank @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "must be a WhatsApp language code such as pt_BR or en")
        @Schema(example = "pt_BR") String language,
        @NotBlank @Pattern(regexp = "MARKETING|UTILITY|AUTHENTICATION") @Schema(example = "UTILITY") String category,
        @NotEmpty @Size(max = 10)
        @Schema(example = "[{\"type\": \"BODY\", \"text\": \"Seu pedido {{1}} saiu para entrega.\", "
                + "\"example\": {\"body_text\": [[\"4711\"]]}}]")
        List<Map<String, Object>> components) {
}
