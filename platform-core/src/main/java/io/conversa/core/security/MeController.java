package io.conversa.core.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

    /** The console's language for the signed-in person: {@code {"language": "pt-BR"}}, or null for the browser's. */
    @PutMapping("/api/v1/me/language")
    Me language(@AuthenticationPrincipal Caller caller, @RequestBody LanguageChoice choice) {
        meService.setLanguage(caller, choice.language());
        return meService.describe(caller);
    }

    record LanguageChoice(String language) {
    }
}
