package io.conversa.core.user;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.security.Caller;
import io.conversa.core.web.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/invitations")
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
class InvitationController {

    private final InvitationService invitations;
    private final PublicUrl publicUrl;

    InvitationController(InvitationService invitations, PublicUrl publicUrl) {
        this.invitations = invitations;
        this.publicUrl = publicUrl;
    }

    @GetMapping
    List<Invitation> pending(@AuthenticationPrincipal Caller caller) {
        return invitations.pending(caller);
    }

    @PostMapping
    ResponseEntity<InvitationSent> invite(@AuthenticationPrincipal Caller caller, @Valid @RequestBody NewInvitation request,
            HttpServletRequest http) {
        InvitationSent sent = invitations.invite(caller, request, publicUrl.base(), ClientInfo.of(http),
                LocaleContextHolder.getLocale());
        return ResponseEntity.created(URI.create("/api/v1/invitations/" + sent.invitation().id())).body(sent);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, HttpServletRequest http) {
        invitations.revoke(caller, id, ClientInfo.of(http));
        return ResponseEntity.noContent().build();
    }
}
