package io.conversa.core.channel.whatsapp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Changes to a channel; a field left out stays as it is (secrets too). */
public record ChannelUpdate(
        @Size(min = 1, max = 100) String name,
        @Size(max = 30) String displayPhoneNumber,
        @Pattern(regexp = "\\d{5,30}", message = "must be the numeric Meta app id") String appId,
        @Size(min = 1, max = 1000) String accessToken,
        @Size(min = 1, max = 200) String appSecret,
        @Size(min = 1, max = 200) String verifyToken,
        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String graphApiUrl,
        @Pattern(regexp = "v\\d+\\.\\d+", message = "must look like v24.0") String graphApiVersion,
        Boolean autoAssign,
        @Min(1) @Max(1000) Integer messagesPerSecond) {
}
