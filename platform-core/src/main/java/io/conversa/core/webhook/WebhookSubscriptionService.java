package io.conversa.core.webhook;

import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.WebhookSubscriptionsRecord;
import io.conversa.core.event.EventFeed;
import io.conversa.core.event.EventPosition;
import io.conversa.core.event.EventType;
import io.conversa.core.security.Caller;
import io.conversa.core.security.SecretCipher;
import io.conversa.core.web.Page;
import io.conversa.core.web.Problems;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** A tenant's webhook subscriptions: their destinations, events, secret, delivery log and redelivery. */
@Service
public class WebhookSubscriptionService {

    private static final Set<String> EVENT_TYPES = Arrays.stream(EventType.values()).map(EventType::wireName)
            .collect(Collectors.toUnmodifiableSet());

    private final Transactions transactions;
    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDestinations destinations;
    private final WebhookClient client;
    private final EventFeed feed;
    private final SecretCipher cipher;
    private final SecureRandom random = new SecureRandom();

    WebhookSubscriptionService(Transactions transactions, WebhookSubscriptionRepository subscriptions,
            WebhookDestinations destinations, WebhookClient client, EventFeed feed, SecretCipher cipher) {
        this.transactions = transactions;
        this.subscriptions = subscriptions;
        this.destinations = destinations;
        this.client = client;
        this.feed = feed;
        this.cipher = cipher;
    }

    /** Delivers the events that happen from now on; the secret is in the answer and nowhere else. */
    public WebhookSubscription.Created create(Caller caller, NewWebhookSubscription request) {
        checkUrl(request.url());
        checkEvents(request.events());
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        EventPosition now = feed.now(caller.tenantId());
        WebhookSubscriptionsRecord subscription = new WebhookSubscriptionsRecord();
        subscription.setId(UUID.randomUUID());
        subscription.setTenantId(caller.tenantId());
        subscription.setUrl(request.url());
        subscription.setEvents(request.events().stream().distinct().toArray(String[]::new));
        subscription.setDescription(request.description());
        subscription.setSecret(cipher.encrypt(secret));
        subscription.setPositionTxid(now.txid());
        subscription.setPositionId(now.id());
        return transactions.inTenant(caller.tenantId(), () -> {
            subscriptions.insert(subscription);
            return new WebhookSubscription.Created(view(find(caller, subscription.getId())), secret);
        });
    }

    public List<WebhookSubscription> list(Caller caller) {
        return transactions.inTenant(caller.tenantId(),
                () -> subscriptions.list(caller.tenantId()).stream().map(WebhookSubscriptionService::view).toList());
    }

    WebhookSubscription get(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> view(find(caller, id)));
    }

    public WebhookSubscription update(Caller caller, UUID id, WebhookSubscriptionUpdate request) {
        Optional.ofNullable(request.url()).ifPresent(this::checkUrl);
        Optional.ofNullable(request.events()).ifPresent(WebhookSubscriptionService::checkEvents);
        return transactions.inTenant(caller.tenantId(), () -> {
            WebhookSubscriptionsRecord subscription = find(caller, id);
            Optional.ofNullable(request.url()).ifPresent(subscription::setUrl);
            Optional.ofNullable(request.events()).map(e -> e.stream().distinct().toArray(String[]::new))
                    .ifPresent(subscription::setEvents);
            Optional.ofNullable(request.description()).ifPresent(subscription::setDescription);
            if (request.active() != null) {
                subscription.setStatus(request.active() ? "ACTIVE" : "DISABLED");
                subscription.setDisabledReason(request.active() ? null : "Disabled by a member of the tenant.");
                subscription.setDeadLetters(0);
                subscription.setNextAttemptAt(OffsetDateTime.now());
            }
            subscription.setUpdatedAt(OffsetDateTime.now());
            subscriptions.update(subscription);
            return view(subscription);
        });
    }

    public void delete(Caller caller, UUID id) {
        transactions.inTenant(caller.tenantId(), () -> {
            if (!subscriptions.delete(caller.tenantId(), id)) {
                throw notFound(id);
            }
            return null;
        });
    }

    public Page<WebhookSubscription.Attempt> attempts(Caller caller, UUID id, String cursor, int limit) {
        Long before = Page.afterSequence(cursor);
        return transactions.inTenant(caller.tenantId(), () -> {
            find(caller, id);
            return Page.ofSequence(subscriptions.attempts(caller.tenantId(), id, before, limit + 1), limit,
                    WebhookSubscription.Attempt::id);
        });
    }

    /** Sends a logged attempt's request again, now, signed anew; logs and answers the new attempt. */
    public WebhookSubscription.Attempt redeliver(Caller caller, UUID id, long attemptId) {
        Redelivery earlier = transactions.inTenant(caller.tenantId(), () -> new Redelivery(find(caller, id),
                subscriptions.attempt(caller.tenantId(), id, attemptId).orElseThrow(() -> Problems.notFound(
                        "webhook.attempt-not-found", attemptId, id))));
        WebhookSubscriptionsRecord subscription = earlier.subscription();
        WebhookSubscription.Attempt attempt = earlier.attempt();
        DeliveryResult result = client.post(subscription.getUrl(), cipher.decrypt(subscription.getSecret()), attempt.eventId(),
                attempt.eventType(), attempt.requestBody(), attempt.attempt() + 1);
        return transactions.inTenant(caller.tenantId(), () -> subscriptions.attempt(caller.tenantId(), id,
                subscriptions.addAttempt(caller.tenantId(), id, result)).orElseThrow());
    }

    private record Redelivery(WebhookSubscriptionsRecord subscription, WebhookSubscription.Attempt attempt) {
    }

    private void checkUrl(String url) {
        destinations.refusal(url).ifPresent(reason -> {
            throw Problems.invalid(List.of(reason));
        });
    }

    private static void checkEvents(List<String> events) {
        for (int i = 0; i < events.size(); i++) {
            if (!EVENT_TYPES.contains(events.get(i))) {
                throw Problems.invalid("events[" + i + "]", "webhook.unknown-event",
                        Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", ")));
            }
        }
    }

    private WebhookSubscriptionsRecord find(Caller caller, UUID id) {
        return subscriptions.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
    }

    private static RuntimeException notFound(UUID id) {
        return Problems.notFound("webhook.not-found", id);
    }

    private static WebhookSubscription view(WebhookSubscriptionsRecord s) {
        return new WebhookSubscription(s.getId(), s.getUrl(), List.of(s.getEvents()), s.getDescription(), s.getStatus(),
                s.getDisabledReason(), new EventPosition(s.getPositionTxid(), s.getPositionId()).toString(), s.getDeadLetters(),
                s.getCreatedAt());
    }
}
