package io.conversa.core.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id} when it is a sane
 * one), echoed in the response and put in the log's context; and answers a failure that escapes
 * everything else with a 500 problem naming it, instead of Servlet error pages that the
 * security chains would turn into an empty 403.
 */
class CorrelationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Correlation-Id";
    static final String MDC_KEY = "correlationId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger(CorrelationFilter.class);

    private final ProblemWriter problemWriter;

    CorrelationFilter(ProblemWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    /** The current request's correlation id (a new one outside a request). */
    static String current() {
        String id = MDC.get(MDC_KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            log.error("Unexpected failure of {} {} (correlation id {})", request.getMethod(), request.getRequestURI(), id, e);
            response.resetBuffer();
            problemWriter.write(request, response, Problems.unexpected(id));
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
