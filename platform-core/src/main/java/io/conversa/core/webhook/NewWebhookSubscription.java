package io.conversa.core.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** @param events the event types to deliver ({@code message.received}, ...) */
public record NewWebhookSubscription(
        @Schema(example = "https://crm.example.com/conversa-events") @NotBlank @Size(max = 2000) String url,
        @Schema(example = "[\"message.received\", \"conversation.handed_off\"]") @NotEmpty @Size(max = 20) List<@NotBlank String> events,
        @Schema(example = "CRM sync") @Size(max = 500) String description) {
}
