package io.conversa.core.channel.whatsapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the Cloud API (messages, media upload and download) and classifies its answers. */
@Component
class CloudApiClient {

    /**
     * Error codes that mean "not now" rather than "never": rate limits (4, 80007, 130429), the pair
     * rate limit (131056), temporary errors (1, 2, 131000, 131016).
     */
    static final Set<Integer> RETRYABLE_CODES = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131056);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Fetches a customer's media: its metadata from {@code /{media-id}}, then the file from the URL
     * it names, both with the channel's token; refused before downloading when the type is not
     * allowed or the size is over the limit, and while downloading if the file turns out larger.
     */
    MediaDownload downloadMedia(ChannelSecrets channel, String mediaId, MediaProperties limits) {
        try {
            HttpResponse<String> meta = http.send(authorized(channel, URI.create(channel.graphApiUrl() + "/"
                    + channel.graphApiVersion() + "/" + mediaId)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (meta.statusCode() != 200) {
                return MediaDownload.answered(meta.statusCode(), "The media endpoint");
            }
            JsonNode info = json.readTree(meta.body());
            String mimeType = info.path("mime_type").asString(null);
            long size = info.path("file_size").asLong(-1);
            long max = limits.maxSize().toBytes();
            if (!limits.allows(mimeType)) {
                return MediaDownload.refused(mimeType, size < 0 ? null : size, "The type " + mimeType + " is not accepted");
            }
            if (size > max) {
                return MediaDownload.refused(mimeType, size, "The file is larger than the limit of " + max + " bytes");
            }
            HttpResponse<InputStream> file = http.send(authorized(channel, URI.create(info.path("url").asString()))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = file.body()) {
                if (file.statusCode() != 200) {
                    return MediaDownload.answered(file.statusCode(), "The media URL");
                }
                byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (content.length > max) {
                    return MediaDownload.refused(mimeType, null, "The file is larger than the limit of " + max + " bytes");
                }
                return new MediaDownload(mimeType, info.path("sha256").asString(null), (long) content.length, content, null, false);
            }
        } catch (IOException e) {
            return MediaDownload.failedForNow("The media could not be fetched: " + e.getMessage());
        } catch (JacksonException e) {
            return MediaDownload.refused(null, null, "The media endpoint's answer is unreadable: " + e.getOriginalMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MediaDownload.failedForNow("Interrupted");
        }
    }

    private static HttpRequest.Builder authorized(ChannelSecrets channel, URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + channel.accessToken());
    }

    /** Sends a message, or marks one read, through {@code POST /{phone-number-id}/messages}. */
    SendResult send(ChannelSecrets channel, Map<String, Object> payload) {
        return call(authorized(channel, numberEndpoint(channel, "messages")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload)))
                .build());
    }

    /**
     * Uploads a file through {@code POST /{phone-number-id}/media} (multipart, as the Graph API
     * takes it); a {@link SendResult.Sent} carries the new media id.
     */
    SendResult uploadMedia(ChannelSecrets channel, String mimeType, String filename, byte[] content) {
        String boundary = "conversa-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + mimeType + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename.replaceAll("[\"\\r\\n]", "_") + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return call(authorized(channel, numberEndpoint(channel, "media")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /** What the Graph API says of the number ({@code GET /{phone-number-id}}), or its refusal in Meta's words. */
    PhoneNumberCheck phoneNumber(ChannelSecrets channel) {
        URI uri = URI.create(channel.graphApiUrl() + "/" + channel.graphApiVersion() + "/" + channel.phoneNumberId()
                + "?fields=verified_name,display_phone_number,quality_rating,throughput");
        try {
            HttpResponse<String> response = http.send(authorized(channel, uri).timeout(Duration.ofSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(response.body());
            if (response.statusCode() != 200) {
                JsonNode error = body.path("error");
                return PhoneNumberCheck.refused(error.path("code").asInt(response.statusCode()),
                        error.path("message").asString("HTTP " + response.statusCode()));
            }
            return new PhoneNumberCheck(true, body.path("verified_name").asString(null), body.path("display_phone_number").asString(null),
                    body.path("quality_rating").asString(null), body.path("throughput").path("level").asString(null), null, null);
        } catch (IOException e) {
            return PhoneNumberCheck.refused(null, "The Graph API at " + channel.graphApiUrl() + " could not be reached: " + e.getMessage());
        } catch (JacksonException e) {
            return PhoneNumberCheck.refused(null, "The Graph API's answer is unreadable: " + e.getOriginalMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PhoneNumberCheck.refused(null, "Interrupted");
        }
    }

    private static URI numberEndpoint(ChannelSecrets channel, String edge) {
        return URI.create(channel.graphApiUrl() + "/" + channel.graphApiVersion() + "/" + channel.phoneNumberId() + "/" + edge);
    }

    private SendResult call(HttpRequest request) {
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
            // A message's answer names it in messages[0].id, an upload's in id; marking read answers success: true.
            String id = body.path("messages").path(0).path("id").asString(body.path("id").asString(null));
            if (id == null && !body.path("success").asBoolean(false)) {
                return new SendResult.Failed(response.statusCode(), "The answer names no message id");
            }
            return new SendResult.Sent(id);
        }
        JsonNode error = body.path("error");
        int code = error.path("code").asInt(response.statusCode());
        String details = error.path("error_data").path("details").asString(null);
        String message = error.path("message").asString("HTTP " + response.statusCode()) + (details == null ? "" : ": " + details);
        boolean retry = response.statusCode() == 429 || response.statusCode() >= 500 || RETRYABLE_CODES.contains(code);
        return retry ? new SendResult.Retry(code, message) : new SendResult.Failed(code, message);
    }
}
