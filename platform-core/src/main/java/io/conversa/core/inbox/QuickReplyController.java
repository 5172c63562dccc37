package io.conversa.core.inbox;

import io.conversa.core.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Quick replies: every member keeps them (the team's shared answers) and fills them in for a conversation. */
@RestController
class QuickReplyController {

    private final QuickReplyService replies;

    QuickReplyController(QuickReplyService replies) {
        this.replies = replies;
    }

    @GetMapping("/api/v1/quick-replies")
    List<QuickReply> list(@AuthenticationPrincipal Caller caller) {
        return replies.list(caller);
    }

    @PostMapping("/api/v1/quick-replies")
    ResponseEntity<QuickReply> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody QuickReply.Draft draft) {
        QuickReply created = replies.create(caller, draft);
        return ResponseEntity.created(URI.create("/api/v1/quick-replies/" + created.id())).body(created);
    }

    @PutMapping("/api/v1/quick-replies/{id}")
    QuickReply update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody QuickReply.Draft draft) {
        return replies.update(caller, id, draft);
    }

    @DeleteMapping("/api/v1/quick-replies/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        replies.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    /** The quick replies whose shortcut starts with {@code q}, filled in for this conversation's customer. */
    @GetMapping("/api/v1/conversations/{id}/quick-replies")
    List<QuickReply> filledIn(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "") @Size(max = 32) String q) {
        return replies.filledIn(caller, id, q);
    }
}
