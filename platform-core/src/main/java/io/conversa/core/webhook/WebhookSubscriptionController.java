package io.conversa.core.webhook;

import io.conversa.core.security.Caller;
import io.conversa.core.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/webhook-subscriptions")
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
class WebhookSubscriptionController {

    private final WebhookSubscriptionService subscriptions;

    WebhookSubscriptionController(WebhookSubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping
    ResponseEntity<WebhookSubscription.Created> create(@AuthenticationPrincipal Caller caller,
            @Valid @RequestBody NewWebhookSubscription request) {
        WebhookSubscription.Created created = subscriptions.create(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/webhook-subscriptions/" + created.subscription().id())).body(created);
    }

    @GetMapping
    List<WebhookSubscription> list(@AuthenticationPrincipal Caller caller) {
        return subscriptions.list(caller);
    }

    @GetMapping("/{id}")
    WebhookSubscription get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return subscriptions.get(caller, id);
    }

    @PatchMapping("/{id}")
    WebhookSubscription update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @Valid @RequestBody WebhookSubscriptionUpdate request) {
        return subscriptions.update(caller, id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        subscriptions.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    /** The delivery log, newest first: each attempt with its request, the answer code and the latency. */
    @GetMapping("/{id}/attempts")
    Page<WebhookSubscription.Attempt> attempts(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestParam(required = false) @Size(max = 100) String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return subscriptions.attempts(caller, id, cursor, limit);
    }

    @PostMapping("/{id}/attempts/{attemptId}/redeliver")
    WebhookSubscription.Attempt redeliver(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @PathVariable long attemptId) {
        return subscriptions.redeliver(caller, id, attemptId);
    }
}
