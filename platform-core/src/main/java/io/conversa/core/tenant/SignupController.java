package io.conversa.core.tenant;

import io.conversa.core.audit.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SignupController {

    private final SignupService signupService;

    SignupController(SignupService signupService) {
        this.signupService = signupService;
    }

    @PostMapping("/api/v1/signup")
    @ResponseStatus(HttpStatus.CREATED)
    SignupResult signup(@Valid @RequestBody SignupRequest request, HttpServletRequest http) {
        return signupService.signup(request, ClientInfo.of(http));
    }
}
