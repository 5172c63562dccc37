package io.conversa.core.channel.whatsapp;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A WhatsApp number connected through the Cloud API, as the API shows it: never its secrets.
 * {@code webhookUrl} is this number's callback URL; {@code appWebhookUrl}, when the channel names its Meta
 * app, serves every number of that app. Meta takes one callback URL per app: enter the app's.
 * {@code autoAssign}: conversations its flows hand over go to the online agents in turn.
 * {@code messagesPerSecond}: the throughput Meta gave the number (null: the operator's default, 80 unless set).
 */
public record Channel(UUID id, String name, String phoneNumberId, String wabaId, String displayPhoneNumber,
        String appId, String graphApiUrl, String graphApiVersion, String webhookUrl, String appWebhookUrl,
        boolean autoAssign, Integer messagesPerSecond, OffsetDateTime createdAt) {
}
