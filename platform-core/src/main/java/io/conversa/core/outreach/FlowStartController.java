package io.conversa.core.outreach;

import io.conversa.core.idempotency.IdempotencyKeys;
import io.conversa.core.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FlowStartController {

    private final FlowStartService starts;

    FlowStartController(FlowStartService starts) {
        this.starts = starts;
    }

    /** {@code 202}: the flow's latest published version starts for the customer; follow it on the conversation. */
    @PostMapping("/api/v1/flows/{flowId}/start")
    ResponseEntity<FlowStartService.Accepted> start(@AuthenticationPrincipal Caller caller, @PathVariable UUID flowId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody StartRequest request) {
        IdempotencyKeys.Outcome<FlowStartService.Accepted> outcome = starts.start(caller, flowId, request, idempotencyKey);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/conversations/" + outcome.answer().conversationId()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(outcome.answer());
    }
}
