package io.conversa.core.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/** Defects on purpose, for the tests of how unexpected failures are answered: in a controller and in a filter. */
final class Failures {

    static final String IN_CONTROLLER = "/api/v1/test-failures/controller";
    static final String IN_FILTER = "/api/v1/test-failures/filter";

    private Failures() {
    }

    @RestController
    static class FailingController {

        @GetMapping(IN_CONTROLLER)
        String fail() {
            Object missing = null;
            return missing.toString();
        }
    }

    @Component
    static class FailingFilter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().equals(IN_FILTER);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
            throw new IllegalStateException("a filter's defect");
        }
    }
}
