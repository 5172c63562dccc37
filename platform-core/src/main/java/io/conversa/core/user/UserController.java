package io.conversa.core.user;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
class UserController {

    private final UserService userService;

    UserController(UserService userService) {
        this.userService = userService;
    }

    @GetMapping
    List<Member> list(@AuthenticationPrincipal Caller caller) {
        return userService.list(caller);
    }

    @GetMapping("/{id}")
    Member get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return userService.get(caller, id);
    }

    @PostMapping
    ResponseEntity<Member> add(@AuthenticationPrincipal Caller caller, @Valid @RequestBody NewMember request,
            HttpServletRequest http) {
        Member member = userService.add(caller, request, ClientInfo.of(http));
        return ResponseEntity.created(URI.create("/api/v1/users/" + member.id())).body(member);
    }

    @PatchMapping("/{id}")
    Member update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @Valid @RequestBody MemberUpdate request, HttpServletRequest http) {
        return userService.update(caller, id, request, ClientInfo.of(http));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, HttpServletRequest http) {
        userService.remove(caller, id, ClientInfo.of(http));
        return ResponseEntity.noContent().build();
    }
}
