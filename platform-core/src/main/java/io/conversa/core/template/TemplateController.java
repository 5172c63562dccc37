package io.conversa.core.template;

import io.conversa.core.idempotency.IdempotencyKeys;
import io.conversa.core.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A number's message templates: every member reads them (agents send them); builders and admins manage them. */
@RestController
@RequestMapping("/api/v1/channels/{channelId}/templates")
class TemplateController {

    private static final String MANAGERS = "hasAnyRole('OWNER', 'ADMIN', 'BUILDER')";

    private final TemplateService templates;

    TemplateController(TemplateService templates) {
        this.templates = templates;
    }

    @GetMapping
    List<MessageTemplate> list(@AuthenticationPrincipal Caller caller, @PathVariable UUID channelId) {
        return templates.list(caller, channelId);
    }

    /** Fetches the business account's templates from the Graph API again. */
    @PostMapping("/sync")
    @PreAuthorize(MANAGERS)
    List<MessageTemplate> sync(@AuthenticationPrincipal Caller caller, @PathVariable UUID channelId) {
        return templates.sync(caller, channelId);
    }

    @PostMapping
    @PreAuthorize(MANAGERS)
    ResponseEntity<MessageTemplate> create(@AuthenticationPrincipal Caller caller, @PathVariable UUID channelId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody NewTemplate request) {
        IdempotencyKeys.Outcome<MessageTemplate> outcome = templates.create(caller, channelId, request, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/v1/channels/" + channelId + "/templates"))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(outcome.answer());
    }

    /** Deletes the template in every language (as the Graph API does). */
    @DeleteMapping("/{name}")
    @PreAuthorize(MANAGERS)
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID channelId, @PathVariable String name) {
        templates.delete(caller, channelId, name);
        return ResponseEntity.noContent().build();
    }
}
