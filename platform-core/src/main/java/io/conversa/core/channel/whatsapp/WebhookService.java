package io.conversa.core.channel.whatsapp;

import io.conversa.core.conversation.InboundService;
import io.conversa.core.db.GroupCommit;
import io.conversa.core.db.Transactions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Stores a signed delivery: the raw body, every message in the inbox and every status, and only
 * then answers (deliveries arriving at the same time share a commit). Each change goes to the channel of its phone number id; changes for numbers
 * Conversa does not serve are skipped (and logged), never a reason to refuse the others.
 * Processing happens afterwards, in the workers.
 */
@Service
class WebhookService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
    /**
     * Transactions storing deliveries at once: one, so that deliveries arriving meanwhile queue and
     * the next one stores all of them with one statement, and so that a saturated CPU serves one
     * such transaction rather than sharing itself between two (docs/performance.md, sessions 18 and 23).
     */
    private static final int CONCURRENT_COMMITS = 1;

    private final Transactions transactions;
    private final WebhookParser parser;
    private final WebhookRepository deliveries;
    private final InboundService inbound;
    private final OutboxSendRepository outbox;
    private final MediaRepository media;
    private final MessageEvents messageEvents;
    private final TemplateStatusUpdate.Listener templateReviews;
    /** Deliveries that arrive together commit together: one commit for many webhooks under load. */
    private final GroupCommit<Delivery, Boolean> storing;

    WebhookService(Transactions transactions, WebhookParser parser, WebhookRepository deliveries, InboundService inbound,
            OutboxSendRepository outbox, MediaRepository media, MessageEvents messageEvents,
            TemplateStatusUpdate.Listener templateReviews) {
        this.templateReviews = templateReviews;
        this.storing = new GroupCommit<>("webhook-commit", transactions, CONCURRENT_COMMITS, 64, this::store);
        this.messageEvents = messageEvents;
        this.transactions = transactions;
        this.parser = parser;
        this.deliveries = deliveries;
        this.inbound = inbound;
        this.outbox = outbox;
        this.media = media;
    }

    @Override
    public void close() {
        storing.close();
    }

    /**
     * @param receiver the channel whose URL (or app) received the delivery; it keeps the raw body
     * @param route    the channel a change for a phone number id (null: the change named none) belongs to
     * @throws MalformedWebhookException after keeping the body, with the error, for inspection
     */
    void accept(ChannelSecrets receiver, byte[] body, Function<String, Optional<ChannelSecrets>> route) {
        // Kept as received, but for U+0000, which PostgreSQL's text cannot hold (and only a broken body has).
        String raw = new String(body, StandardCharsets.UTF_8).replace('\0', '\uFFFD');
        WebhookEnvelope envelope;
        try {
            envelope = parser.parse(body);
        } catch (MalformedWebhookException e) {
            transactions.inTenant(receiver.tenantId(), () -> {
                deliveries.addDelivery(receiver.tenantId(), receiver.channelId(), raw, e.getMessage());
                return null;
            });
            throw e;
        }
        // Tenant by tenant; the receiver's first, for the raw body.
        Map<UUID, Map<ChannelSecrets, List<WebhookEnvelope.Change>>> byTenant = new LinkedHashMap<>();
        byTenant.computeIfAbsent(receiver.tenantId(), t -> new LinkedHashMap<>()).put(receiver, new ArrayList<>());
        Set<String> skipped = new LinkedHashSet<>();
        for (WebhookEnvelope.Change change : envelope.changes()) {
            Optional<ChannelSecrets> channel = route.apply(change.phoneNumberId());
            if (channel.isEmpty()) {
                skipped.add(String.valueOf(change.phoneNumberId()));
                continue;
            }
            byTenant.computeIfAbsent(channel.get().tenantId(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(channel.get(), c -> new ArrayList<>()).add(change);
        }
        if (!skipped.isEmpty()) {
            log.warn("Skipped the changes of a webhook delivery to channel {} for phone number ids {}: no channel signed by "
                    + "its app serves them", receiver.channelId(), skipped);
        }
        if (storing.run(new Delivery(receiver, raw, byTenant, envelope.templateStatuses()))) {
            inbound.wake();
        }
    }

    /**
     * A signed delivery to store: its raw body, and its changes by tenant and channel (the
     * receiver's tenant first, with the receiver among its channels).
     */
    private record Delivery(ChannelSecrets receiver, String raw, Map<UUID, Map<ChannelSecrets, List<WebhookEnvelope.Change>>> byTenant,
            List<TemplateStatusUpdate> templateStatuses) {
    }

    /**
     * Stores deliveries that share a transaction tenant by tenant: a tenant's messages of all of
     * them with one statement, the raw body kept for each channel a delivery concerns; the
     * receiver's tenant also gets the template reviews (they name a business account, not a number).
     *
     * @return for each delivery, whether it brought a new message
     */
    private List<Boolean> store(List<Delivery> batch) {
        boolean[] added = new boolean[batch.size()];
        Set<UUID> tenants = new LinkedHashSet<>();
        batch.forEach(delivery -> tenants.addAll(delivery.byTenant().keySet()));
        tenants.forEach(tenantId -> transactions.inTenant(tenantId, () -> storeTenant(tenantId, batch, added)));
        return IntStream.range(0, batch.size()).mapToObj(d -> added[d]).toList();
    }

    /** One tenant's part of the deliveries; marks in {@code added} those that brought a new message. */
    private Void storeTenant(UUID tenantId, List<Delivery> batch, boolean[] added) {
        List<InboundService.Arrival> arrivals = new ArrayList<>();
        List<Integer> fromDelivery = new ArrayList<>();
        for (int d = 0; d < batch.size(); d++) {
            Delivery delivery = batch.get(d);
            Map<ChannelSecrets, List<WebhookEnvelope.Change>> channels = delivery.byTenant().getOrDefault(tenantId, Map.of());
            if (channels.containsKey(delivery.receiver())) {
                delivery.templateStatuses().forEach(update -> templateReviews.apply(tenantId, update));
            }
            for (Map.Entry<ChannelSecrets, List<WebhookEnvelope.Change>> entry : channels.entrySet()) {
                UUID channelId = entry.getKey().channelId();
                deliveries.addDelivery(tenantId, channelId, delivery.raw(), null);
                for (WebhookEnvelope.Change change : entry.getValue()) {
                    change.messages().forEach(message -> arrivals.add(
                            new InboundService.Arrival(channelId, message.customer(), message.message(), message.sentAt())));
                    fromDelivery.addAll(Collections.nCopies(change.messages().size(), d));
                    storeStatusesAndMedia(tenantId, channelId, change);
                }
            }
        }
        List<InboundService.Received> received = inbound.storeAll(tenantId, arrivals);
        for (int i = 0; i < received.size(); i++) {
            added[fromDelivery.get(i)] |= received.get(i).isNew();
        }
        return null;
    }

    /** A change's statuses and the media its messages carry (the messages themselves are stored with the others). */
    private void storeStatusesAndMedia(UUID tenantId, UUID channelId, WebhookEnvelope.Change change) {
        for (WebhookEnvelope.CustomerMessage message : change.messages()) {
            if (message.message().attributes().get("media") instanceof Map<?, ?> mediaInfo && mediaInfo.get("id") != null) {
                media.addPending(tenantId, channelId, String.valueOf(mediaInfo.get("id")));
            }
        }
        for (WebhookEnvelope.MessageStatus status : change.statuses()) {
            deliveries.addStatus(tenantId, channelId, status);
            Map<String, Object> error = status.errors() == null || status.errors().isEmpty() ? null : status.errors().getFirst();
            outbox.applyStatus(tenantId, status.waMessageId(), status.status(),
                    error == null ? null : error.get("code") instanceof Number code ? code.intValue() : 0,
                    error == null ? null : String.valueOf(error.getOrDefault("title", error.get("message"))))
                    .ifPresent(changed -> messageEvents.record(List.of(changed)));
        }
    }
}
