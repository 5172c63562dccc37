package io.conversa.core.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MeController {

    private final MeService meService;

    MeController(MeService meService) {
        this.meService = meService;
    }

    @GetMapping("/api/v1/me")
    Me me(@AuthenticationPrincipal Caller caller) {
        return meService.describe(caller);
    }
}
