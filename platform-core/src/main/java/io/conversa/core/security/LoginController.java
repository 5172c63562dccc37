package io.conversa.core.security;

import io.conversa.core.audit.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LoginController {

    private final LoginService loginService;
    private final TokenService tokenService;
    private final SecurityProperties properties;

    LoginController(LoginService loginService, TokenService tokenService, SecurityProperties properties) {
        this.loginService = loginService;
        this.tokenService = tokenService;
        this.properties = properties;
    }

    @PostMapping("/api/v1/auth/login")
    AccessToken login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        Caller member = loginService.login(request.email(), request.password(), request.tenantId(), ClientInfo.of(http));
        return tokenService.issue(member);
    }

    @ExceptionHandler(BadCredentialsException.class)
    ProblemDetail badCredentials(BadCredentialsException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler(InsufficientAuthenticationException.class)
    ProblemDetail notAMember(InsufficientAuthenticationException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(TooManyLoginAttemptsException.class)
    ResponseEntity<ProblemDetail> throttled(TooManyLoginAttemptsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.login().window().toSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }
}
