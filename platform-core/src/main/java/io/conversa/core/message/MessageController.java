package io.conversa.core.message;

import io.conversa.core.conversation.OutgoingMessages;
import io.conversa.core.idempotency.IdempotencyKeys;
import io.conversa.core.security.Caller;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Tenants' systems send WhatsApp messages: queued like the flows' own, followed by their status. */
@RestController
@RequestMapping("/api/v1/messages")
class MessageController {

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    /** {@code {channelId, to, type, ...}}: any message type of the flow format; {@code replyTo} quotes a message. */
    @PostMapping
    ResponseEntity<MessageService.Accepted> send(@AuthenticationPrincipal Caller caller,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "A message of the flow format, flat, with "
                    + "channelId and to (docs/flow-format.md#messages)", content = @Content(mediaType = "application/json",
                    examples = {
                        @ExampleObject(name = "text", value = """
                                {"channelId": "0b7c8a52-6a3f-4f7e-9d55-2f1c9a3f7e10", "to": "5511987654321",
                                 "type": "text", "body": "Your order has shipped"}"""),
                        @ExampleObject(name = "template", value = """
                                {"channelId": "0b7c8a52-6a3f-4f7e-9d55-2f1c9a3f7e10", "to": "5511987654321",
                                 "type": "template", "name": "order_update", "language": "pt_BR",
                                 "components": [{"type": "body", "parameters": [{"type": "text", "text": "4711"}]}]}"""),
                        @ExampleObject(name = "buttons", value = """
                                {"channelId": "0b7c8a52-6a3f-4f7e-9d55-2f1c9a3f7e10", "to": "5511987654321",
                                 "type": "buttons", "body": "Did it arrive?",
                                 "buttons": [{"id": "yes", "title": "Yes"}, {"id": "no", "title": "No"}]}""")}))
            @RequestBody JsonNode body) {
        IdempotencyKeys.Outcome<MessageService.Accepted> outcome = messages.send(caller, body, idempotencyKey);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(outcome.answer().statusUrl()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(outcome.answer());
    }

    @GetMapping("/{id}")
    OutgoingMessages.Sent get(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return messages.get(caller, id);
    }
}
