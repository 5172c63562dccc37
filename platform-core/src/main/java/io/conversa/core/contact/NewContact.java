package io.conversa.core.contact;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A contact added by hand or by a tenant's system before the customer ever wrote. */
public record NewContact(
        @Schema(example = "0b7c8a52-6a3f-4f7e-9d55-2f1c9a3f7e10") @NotNull UUID channelId,
        @Schema(example = "+5511987654321") @NotNull String phone,
        @Schema(example = "Ana Souza") String name,
        @Schema(example = "[\"vip\", \"lead\"]") List<String> tags,
        @Schema(example = "{\"plan\": \"gold\", \"city\": \"Recife\"}") Map<String, String> attributes) {
}
