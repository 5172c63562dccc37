package io.conversa.core.security;

import io.conversa.core.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/** A 401 problem that says what credential was missing or wrong. */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProblemWriter problemWriter;

    ProblemAuthenticationEntryPoint(ProblemWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String detail;
        if (exception instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            detail = "The access token was refused: " + (description == null ? oauth.getError().getErrorCode() : description);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        } else if (request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null) {
            detail = exception.getMessage();
        } else {
            detail = "Authentication required: send an access token (Authorization: Bearer ...) or an API key (X-Api-Key).";
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        problemWriter.write(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail));
    }
}
