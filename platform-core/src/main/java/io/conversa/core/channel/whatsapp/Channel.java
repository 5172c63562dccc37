package io.conversa.core.channel.whatsapp;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A WhatsApp number connected through the Cloud API, as the API shows it: never its secrets.
 * {@code webhookUrl} is what to enter as the callback URL in Meta's app dashboard.
 */
public record Channel(UUID id, String name, String phoneNumberId, String wabaId, String displayPhoneNumber,
        String graphApiUrl, String graphApiVersion, String webhookUrl, OffsetDateTime createdAt) {
}
