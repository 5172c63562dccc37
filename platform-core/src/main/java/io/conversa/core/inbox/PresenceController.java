package io.conversa.core.inbox;

import io.conversa.core.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Members' presence in the inbox, for agents' own screens; renew it at least every 30 seconds. */
@RestController
@RequestMapping("/api/v1/presence")
class PresenceController {

    private final Presence presence;

    PresenceController(Presence presence) {
        this.presence = presence;
    }

    record Status(@NotNull String status) {
    }

    @GetMapping
    List<MemberPresence> list(@AuthenticationPrincipal Caller caller) {
        return presence.list(caller);
    }

    @PutMapping
    ResponseEntity<Void> set(@AuthenticationPrincipal Caller caller, @Valid @RequestBody Status request) {
        presence.set(caller, request.status());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    ResponseEntity<Void> leave(@AuthenticationPrincipal Caller caller) {
        presence.leave(caller);
        return ResponseEntity.noContent().build();
    }
}
