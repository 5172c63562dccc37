package io.conversa.core.webhook;

import io.conversa.core.web.Problems;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Posts one signed event to a receiver: redirects are not followed, slow receivers time out. */
@Component
class WebhookClient {

    private final HttpClient http;
    private final WebhookDestinations destinations;
    private final Duration timeout;
    private final Clock clock;

    WebhookClient(WebhookDestinations destinations, WebhookProperties properties, Clock clock) {
        this.destinations = destinations;
        this.timeout = properties.timeout();
        this.clock = clock;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout()).build();
    }

    DeliveryResult post(String url, String secret, UUID eventId, String eventType, String body, int attempt) {
        long start = System.nanoTime();
        Optional<Problems.FieldError> refusal = destinations.refusal(url);
        if (refusal.isPresent()) {
            return result(eventId, eventType, body, attempt, null, "The URL " + refusal.get().message(Locale.ENGLISH), start);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Conversa-Webhooks/1")
                .header("Conversa-Event-Id", eventId.toString())
                .header("Conversa-Event-Type", eventType)
                .header(EventSignature.HEADER, EventSignature.sign(secret, clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return result(eventId, eventType, body, attempt, status,
                    status / 100 == 2 ? null : "The receiver answered HTTP " + status, start);
        } catch (IOException e) {
            return result(eventId, eventType, body, attempt, null, "No answer: " + e, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(eventId, eventType, body, attempt, null, "Interrupted", start);
        }
    }

    private static DeliveryResult result(UUID eventId, String eventType, String body, int attempt, Integer status, String error,
            long start) {
        int latency = (int) Duration.ofNanos(System.nanoTime() - start).toMillis();
        return new DeliveryResult(eventId, eventType, body, attempt, error == null ? "DELIVERED" : "FAILED", status, error, latency);
    }
}
