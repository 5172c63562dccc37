package io.conversa.core.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** @param events the event types to deliver ({@code message.received}, ...) */
public record NewWebhookSubscription(
        @NotBlank @Size(max = 2000) String url,
        @NotEmpty @Size(max = 20) List<@NotBlank String> events,
        @Size(max = 500) String description) {
}
