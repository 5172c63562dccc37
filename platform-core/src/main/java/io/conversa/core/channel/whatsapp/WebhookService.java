package io.conversa.core.channel.whatsapp;

import io.conversa.core.conversation.InboundService;
import io.conversa.core.db.Transactions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Stores a signed delivery: the raw body, every message in the inbox and every status, in one
 * transaction, and only then answers. Processing happens afterwards, in the workers.
 */
@Service
class WebhookService {

    private final Transactions transactions;
    private final WebhookParser parser;
    private final WebhookRepository deliveries;
    private final InboundService inbound;
    private final OutboxSendRepository outbox;
    private final MediaRepository media;

    WebhookService(Transactions transactions, WebhookParser parser, WebhookRepository deliveries, InboundService inbound,
            OutboxSendRepository outbox, MediaRepository media) {
        this.transactions = transactions;
        this.parser = parser;
        this.deliveries = deliveries;
        this.inbound = inbound;
        this.outbox = outbox;
        this.media = media;
    }

    /** @throws MalformedWebhookException after keeping the body, with the error, for inspection */
    void accept(ChannelSecrets channel, byte[] body) {
        String raw = new String(body, StandardCharsets.UTF_8);
        WebhookEnvelope envelope;
        try {
            envelope = parser.parse(body, channel.phoneNumberId());
        } catch (MalformedWebhookException e) {
            transactions.inTenant(channel.tenantId(), () -> {
                deliveries.addDelivery(channel.tenantId(), channel.channelId(), raw, e.getMessage());
                return null;
            });
            throw e;
        }
        boolean anyNew = transactions.inTenant(channel.tenantId(), () -> {
            deliveries.addDelivery(channel.tenantId(), channel.channelId(), raw, null);
            boolean added = false;
            for (WebhookEnvelope.CustomerMessage message : envelope.messages()) {
                added |= inbound.store(channel.tenantId(), channel.channelId(), message.waId(), message.profileName(),
                        message.message()).isNew();
                if (message.message().attributes().get("media") instanceof Map<?, ?> mediaInfo && mediaInfo.get("id") != null) {
                    media.addPending(channel.tenantId(), channel.channelId(), String.valueOf(mediaInfo.get("id")));
                }
            }
            for (WebhookEnvelope.MessageStatus status : envelope.statuses()) {
                deliveries.addStatus(channel.tenantId(), channel.channelId(), status);
                Map<String, Object> error = status.errors() == null || status.errors().isEmpty() ? null : status.errors().getFirst();
                outbox.applyStatus(channel.tenantId(), status.waMessageId(), status.status(),
                        error == null ? null : ((Number) error.getOrDefault("code", 0)).intValue(),
                        error == null ? null : String.valueOf(error.getOrDefault("title", error.get("message"))));
            }
            return added;
        });
        if (anyNew) {
            inbound.wake();
        }
    }
}
