package io.conversa.core.conversation;

import io.conversa.core.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/conversations")
class ConversationController {

    private final ConversationService conversations;

    ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    /** The most recently active first. */
    @GetMapping
    List<ConversationView> latest(@AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return conversations.latest(caller, limit);
    }

    @GetMapping("/{id}")
    ConversationView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return conversations.get(caller, id);
    }

    /** The conversation's path through its flows, newest first. */
    @GetMapping("/{id}/steps")
    List<StepView> steps(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
        return conversations.steps(caller, id, limit);
    }

    /** Its messages both ways, newest first, outgoing ones with their delivery status and errors. */
    @GetMapping("/{id}/messages")
    List<MessageView> messages(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return conversations.messages(caller, id, limit);
    }

    @PostMapping("/{id}/reset")
    ConversationView reset(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return conversations.reset(caller, id);
    }

    @PostMapping("/{id}/release")
    ResponseEntity<Void> release(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        conversations.release(caller, id);
        return ResponseEntity.accepted().build();
    }
}
