package io.conversa.core.channel.whatsapp;

import java.util.UUID;

/**
 * The WhatsApp Business Account a channel's number belongs to, with what calling its Graph API
 * endpoints ({@code /{waba-id}/message_templates}) takes. Never leaves the server.
 */
public record BusinessAccount(UUID tenantId, UUID channelId, String wabaId, String graphApiUrl, String graphApiVersion,
        String accessToken) {
}
