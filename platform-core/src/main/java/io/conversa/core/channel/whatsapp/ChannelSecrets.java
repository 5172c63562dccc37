package io.conversa.core.channel.whatsapp;

import java.util.UUID;

/** What Conversa needs to talk to the Cloud API for a channel, secrets decrypted. Never leaves the server. */
record ChannelSecrets(UUID tenantId, UUID channelId, String phoneNumberId, String accessToken, String appSecret,
        String verifyToken, String graphApiUrl, String graphApiVersion, Integer messagesPerSecond) {

    /** Whether a delivery was signed with this channel's app secret. */
    boolean signed(byte[] body, String signature) {
        return WebhookSignature.verify(body, appSecret, signature);
    }
}
