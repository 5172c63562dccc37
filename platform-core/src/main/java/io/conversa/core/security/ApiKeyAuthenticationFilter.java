package io.conversa.core.security;

import io.conversa.core.apikey.ApiKeyService;
import io.conversa.core.apikey.ApiScopes;
import io.conversa.core.apikey.AuthenticatedKey;
import io.conversa.core.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that presents {@code X-Api-Key} (a wrong or revoked key is a 401),
 * holds it to the key's scopes (403 naming the scope it lacks) and to its rate (429 with
 * {@code Retry-After}; every answer carries the {@code RateLimit-*} headers).
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final ApiKeyService apiKeys;
    private final AuthenticationEntryPoint entryPoint;
    private final ProblemWriter problems;
    private final ApiRateLimiter rateLimiter;
    private final int defaultPerMinute;

    ApiKeyAuthenticationFilter(ApiKeyService apiKeys, AuthenticationEntryPoint entryPoint, ProblemWriter problems,
            ApiRateLimiter rateLimiter, int defaultPerMinute) {
        this.apiKeys = apiKeys;
        this.entryPoint = entryPoint;
        this.problems = problems;
        this.rateLimiter = rateLimiter;
        this.defaultPerMinute = defaultPerMinute;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AuthenticatedKey> key = apiKeys.authenticate(presented.strip());
        if (key.isEmpty()) {
            entryPoint.commence(request, response, new BadCredentialsException("The API key is invalid or revoked."));
            return;
        }
        String scope = ApiScopes.required(request.getMethod(), request.getRequestURI());
        if (!key.get().allows(scope)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This API key lacks the scope "
                    + scope + ", which " + request.getMethod() + " " + request.getRequestURI() + " needs; it has "
                    + String.join(", ", key.get().scopes()) + ".");
            problem.setProperty("requiredScope", scope);
            problems.write(request, response, problem);
            return;
        }
        int perMinute = key.get().requestsPerMinute() != null ? key.get().requestsPerMinute() : defaultPerMinute;
        ApiRateLimiter.Decision decision = rateLimiter.tryAcquire(key.get().caller().apiKeyId(), perMinute);
        response.setHeader("RateLimit-Limit", String.valueOf(perMinute));
        response.setHeader("RateLimit-Remaining", String.valueOf(decision.remaining()));
        response.setHeader("RateLimit-Reset", String.valueOf(decision.resetSeconds()));
        response.setHeader("RateLimit-Policy", perMinute + ";w=60");
        if (!decision.allowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(decision.resetSeconds()));
            problems.write(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "This API key may make " + perMinute + " requests a minute; retry in " + decision.resetSeconds() + " s."));
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(
                new CallerAuthentication(key.get().caller(), "api-key:" + key.get().caller().apiKeyId()));
        chain.doFilter(request, response);
    }
}
