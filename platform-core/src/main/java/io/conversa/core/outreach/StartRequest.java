package io.conversa.core.outreach;

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
public record StartRequest(@NotNull UUID channelId, @NotBlank String to, Map<String, Object> variables, Boolean replace) {
}
