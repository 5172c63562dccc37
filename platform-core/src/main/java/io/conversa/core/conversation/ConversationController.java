package io.conversa.core.conversation;

import io.conversa.core.security.Caller;
import jakarta.validation.constraints.Max;
import io.conversa.core.web.Page;
import io.conversa.core.web.Problems;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

    /**
     * The most recently active first, filtered: {@code status} OPEN or CLOSED; {@code assignee} a
     * member's id, {@code me} or {@code none}; {@code channelId}; {@code label}; {@code handedOff};
     * {@code q} searches names, phone numbers and the customers' messages. A page at a time: {@code cursor}
     * is the {@code next} of the page before.
     */
    @GetMapping
    Page<ConversationView> latest(@AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Pattern(regexp = "OPEN|CLOSED") String status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) UUID channelId,
            @RequestParam(required = false) @Size(max = 50) String label,
            @RequestParam(defaultValue = "false") boolean handedOff,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) @Size(max = 200) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        boolean none = "none".equals(assignee);
        UUID assigneeId = assignee == null || none ? null : "me".equals(assignee) ? caller.userId() : member(assignee);
        return conversations.page(caller, new ConversationFilter(status, assigneeId, none, channelId, label, handedOff, q), cursor,
                limit);
    }

    private static UUID member(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("assignee", "conversation.assignee-filter");
        }
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

    /** The flows it ran (sessions), newest first: which flow and version, how each ended. */
    @GetMapping("/{id}/sessions")
    List<SessionSummary> sessions(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return conversations.sessions(caller, id, limit);
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
