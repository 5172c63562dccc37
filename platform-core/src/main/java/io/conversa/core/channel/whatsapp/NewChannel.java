package io.conversa.core.channel.whatsapp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * @param appId       the Meta app's id (App ID in Meta's dashboard), optional: with it, the app's one webhook URL
 *                    serves every number of the app
 * @param graphApiUrl defaults to Meta's; point it at the Cloud API simulator for offline use
 */
public record NewChannel(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Pattern(regexp = "\\d{5,30}", message = "must be the numeric phone number id") String phoneNumberId,
        @NotBlank @Pattern(regexp = "\\d{5,30}", message = "must be the numeric WhatsApp Business Account id") String wabaId,
        @Size(max = 30) String displayPhoneNumber,
        @Pattern(regexp = "\\d{5,30}", message = "must be the numeric Meta app id") String appId,
        @NotBlank @Size(max = 1000) String accessToken,
        @NotBlank @Size(max = 200) String appSecret,
        @NotBlank @Size(max = 200) String verifyToken,
        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String graphApiUrl,
        @Pattern(regexp = "v\\d+\\.\\d+", message = "must look like v24.0") String graphApiVersion,
        Boolean autoAssign,
        @Min(1) @Max(1000) Integer messagesPerSecond) {
}
