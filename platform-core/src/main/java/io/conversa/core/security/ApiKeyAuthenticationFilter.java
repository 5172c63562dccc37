package io.conversa.core.security;

import io.conversa.core.apikey.ApiKeyService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates a request that presents {@code X-Api-Key}; a wrong or revoked key is a 401. */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final ApiKeyService apiKeys;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyAuthenticationFilter(ApiKeyService apiKeys, AuthenticationEntryPoint entryPoint) {
        this.apiKeys = apiKeys;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = apiKeys.authenticate(key.strip());
        if (caller.isEmpty()) {
            entryPoint.commence(request, response, new BadCredentialsException("The API key is invalid or revoked."));
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(
                new CallerAuthentication(caller.get(), "api-key:" + caller.get().apiKeyId()));
        chain.doFilter(request, response);
    }
}
