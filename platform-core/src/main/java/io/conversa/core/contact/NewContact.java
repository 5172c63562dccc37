package io.conversa.core.contact;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A contact added by hand or by a tenant's system before the customer ever wrote. */
public record NewContact(@NotNull UUID channelId, @NotNull String phone, String name, List<String> tags,
        Map<String, String> attributes) {
}
