package io.conversa.core.channel.whatsapp;

import io.conversa.core.web.PayloadTooLargeException;
import io.conversa.core.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Takes Meta's signed deliveries ({@code POST} to a channel's or an app's callback URL) before
 * Spring MVC and the security chains: a delivery carries no Conversa credentials (its signature
 * is checked here) and is the request Conversa gets most, and matching it to a controller,
 * resolving its arguments and passing it through a dozen filters cost more CPU than storing it
 * (docs/performance.md, session 16). It answers as the controller did: 200 once stored, 401 for
 * a bad signature or an unknown channel, 400 for a body that breaks the webhook format, 413 past
 * the request body limit; other failures are answered by the API's exception handlers (503 while
 * the database is down, so that Meta retries). The verification handshake ({@code GET}) and
 * anything else go on to {@link WebhookController}.
 */
class WebhookDeliveryFilter extends HttpFilter {

    static final String PREFIX = "/webhooks/whatsapp/";
    private static final String APPS = "apps/";

    private final ChannelService channels;
    private final WebhookService webhooks;
    private final ProblemWriter problems;
    private final HandlerExceptionResolver exceptionHandlers;

    WebhookDeliveryFilter(ChannelService channels, WebhookService webhooks, ProblemWriter problems,
            HandlerExceptionResolver exceptionHandlers) {
        this.channels = channels;
        this.webhooks = webhooks;
        this.problems = problems;
        this.exceptionHandlers = exceptionHandlers;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        boolean forApp = rest.startsWith(APPS);
        String id = forApp ? rest.substring(APPS.length()) : rest;
        if (!"POST".equals(request.getMethod()) || id.isEmpty() || id.indexOf('/') >= 0) {
            chain.doFilter(request, response);
            return;
        }
        // Spring MVC would name the pattern for the request metrics (http.server.requests, tag uri).
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(observed ->
                observed.setPathPattern(forApp ? WebhookController.APPS_PATH + "/{appId}" : WebhookController.CHANNEL_PATH));
        try {
            receive(request, response, forApp, id);
        } catch (MalformedWebhookException e) {
            problems.write(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
        } catch (PayloadTooLargeException e) {
            problems.write(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage()));
        } catch (RuntimeException e) {
            if (exceptionHandlers.resolveException(request, response, null, e) == null) {
                throw e;
            }
        }
    }

    /** A delivery to a channel's callback URL, or to an app's ({@code forApp}). */
    private void receive(HttpServletRequest request, HttpServletResponse response, boolean forApp, String id) throws IOException {
        // Past conversa.web.max-request-body, the stream throws (RequestBodyLimitFilter, before this one).
        // Read to the declared length: readAllBytes would take a 16 KB buffer per delivery of about one.
        long declared = request.getContentLengthLong();
        byte[] body = declared >= 0 && declared < Integer.MAX_VALUE
                ? request.getInputStream().readNBytes((int) declared) : request.getInputStream().readAllBytes();
        String signature = request.getHeader(WebhookSignature.HEADER);
        // An unknown channel answers like a bad signature: callers learn nothing about channel ids.
        Optional<ChannelSecrets> receiver = forApp
                ? channels.appChannels(id).stream().filter(c -> c.signed(body, signature)).findFirst()
                : channelId(id).flatMap(channels::secrets).filter(c -> c.signed(body, signature));
        if (receiver.isEmpty()) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            return;
        }
        ChannelSecrets channel = receiver.get();
        // For an app, a change that names no number cannot be placed among several: it is skipped.
        Function<String, Optional<ChannelSecrets>> route = forApp
                ? phoneNumberId -> phoneNumberId == null ? Optional.empty() : channels.signedFor(phoneNumberId, body, signature)
                : phoneNumberId -> phoneNumberId == null || phoneNumberId.equals(channel.phoneNumberId())
                        ? receiver : channels.signedFor(phoneNumberId, body, signature);
        webhooks.accept(channel, body, route);
        response.setStatus(HttpStatus.OK.value());
    }

    private static Optional<UUID> channelId(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
