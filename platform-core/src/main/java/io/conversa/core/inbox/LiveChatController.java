package io.conversa.core.inbox;

import io.conversa.core.conversation.ConversationView;
import io.conversa.core.conversation.OutgoingMessages;
import io.conversa.core.idempotency.IdempotencyKeys;
import io.conversa.core.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The live chat's actions on a conversation, for agents' screens and tenants' own tools alike. */
@RestController
@RequestMapping("/api/v1/conversations/{id}")
class LiveChatController {

    private final LiveChatService liveChat;

    LiveChatController(LiveChatService liveChat) {
        this.liveChat = liveChat;
    }

    record Assignment(UUID assigneeId) {
    }

    record Labels(@NotNull @Size(max = 20) List<@NotBlank @Size(max = 50) String> labels) {
    }

    record NewNote(@NotBlank @Size(max = 10_000) String body) {
    }

    /** Takes the conversation ({@code {}}) or assigns it to a member ({@code {"assigneeId": ...}}). */
    @PostMapping("/assign")
    ConversationView assign(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestBody(required = false) Assignment request) {
        return liveChat.assign(caller, id, request == null ? null : request.assigneeId());
    }

    @PostMapping("/unassign")
    ConversationView unassign(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return liveChat.unassign(caller, id);
    }

    @PostMapping("/close")
    ConversationView close(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return liveChat.close(caller, id);
    }

    @PostMapping("/reopen")
    ConversationView reopen(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return liveChat.reopen(caller, id);
    }

    @PutMapping("/labels")
    ConversationView labels(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @Valid @RequestBody Labels request) {
        return liveChat.label(caller, id, request.labels());
    }

    @GetMapping("/notes")
    List<Note> notes(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return liveChat.notes(caller, id);
    }

    @PostMapping("/notes")
    ResponseEntity<Note> addNote(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @Valid @RequestBody NewNote request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(liveChat.addNote(caller, id, request.body()));
    }

    /** A person's answer: any message type of the flow format, {@code replyTo} to quote; with {@code Idempotency-Key}. */
    @PostMapping("/messages")
    ResponseEntity<OutgoingMessages.Queued> send(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @RequestBody JsonNode body) {
        IdempotencyKeys.Outcome<OutgoingMessages.Queued> outcome = liveChat.send(caller, id, body, idempotencyKey);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/messages/" + outcome.answer().id()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed())).body(outcome.answer());
    }

    /** Marks the customer's latest message read. */
    @PostMapping("/read")
    ResponseEntity<Void> read(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        liveChat.markRead(caller, id, false);
        return ResponseEntity.accepted().build();
    }

    /** Shows the customer "typing..." while a person writes (WhatsApp shows it for up to 25 s or until the answer). */
    @PostMapping("/typing")
    ResponseEntity<Void> typing(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        liveChat.markRead(caller, id, true);
        return ResponseEntity.accepted().build();
    }
}
