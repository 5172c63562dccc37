package io.conversa.core.channel.whatsapp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the Cloud API's messages endpoint and classifies its answer. */
@Component
class CloudApiClient {

    /**
     * Error codes that mean "not now" rather than "never": rate limits (4, 80007, 130429), the pair
     * rate limit (131056), temporary errors (1, 2, 131000, 131016).
     */
    static final Set<Integer> RETRYABLE_CODES = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131056);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    SendResult send(ChannelSecrets channel, Map<String, Object> payload) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(channel.graphApiUrl() + "/" + channel.graphApiVersion()
                        + "/" + channel.phoneNumberId() + "/messages"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + channel.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new SendResult.Retry(0, "The Cloud API did not answer in time");
        } catch (IOException e) {
            return new SendResult.Retry(0, "The Cloud API could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry(0, "Interrupted");
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (JacksonException e) {
            return response.statusCode() >= 500 || response.statusCode() == 429
                    ? new SendResult.Retry(response.statusCode(), "HTTP " + response.statusCode())
                    : new SendResult.Failed(response.statusCode(), "HTTP " + response.statusCode() + " with an unreadable body");
        }
        if (response.statusCode() / 100 == 2) {
            String id = body.path("messages").path(0).path("id").asString(null);
            return id == null ? new SendResult.Failed(response.statusCode(), "The answer names no message id") : new SendResult.Sent(id);
        }
        JsonNode error = body.path("error");
        int code = error.path("code").asInt(response.statusCode());
        String details = error.path("error_data").path("details").asString(null);
        String message = error.path("message").asString("HTTP " + response.statusCode()) + (details == null ? "" : ": " + details);
        boolean retry = response.statusCode() == 429 || response.statusCode() >= 500 || RETRYABLE_CODES.contains(code);
        return retry ? new SendResult.Retry(code, message) : new SendResult.Failed(code, message);
    }
}
