package io.conversa.core.outreach;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a flow for a customer.
 *
 * @param to        the customer's phone number (digits with the country code) or business-scoped user id
 * @param variables the session's variables from the start (the flow reads them as {@code {{name}}})
 * @param replace   end a flow already running for the customer instead of refusing
 */
public record StartRequest(
        @Schema(example = "0b7c8a52-6a3f-4f7e-9d55-2f1c9a3f7e10") @NotNull UUID channelId,
        @Schema(example = "5511987654321") @NotBlank String to,
        @Schema(example = "{\"order\": \"4711\"}") Map<String, Object> variables,
        @Schema(example = "false") Boolean replace) {
}
