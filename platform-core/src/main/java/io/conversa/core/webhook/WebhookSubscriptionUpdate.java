package io.conversa.core.webhook;

import jakarta.validation.constraints.Size;
import java.util.List;

/** Changes to a subscription; a field left out stays. {@code active: true} re-enables a disabled one. */
public record WebhookSubscriptionUpdate(
        @Size(min = 1, max = 2000) String url,
        @Size(min = 1, max = 20) List<String> events,
        @Size(max = 500) String description,
        Boolean active) {
}
