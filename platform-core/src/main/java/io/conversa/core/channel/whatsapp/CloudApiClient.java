package io.conversa.core.channel.whatsapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the Cloud API (messages, media upload and download) and classifies its answers. The calls
 * block the calling (virtual) thread on a pooled HTTP/1.1 connection: no selector thread and no
 * hand-off between threads per call, which is most of a call's cost at the sender's rates.
 */
@Component
class CloudApiClient implements DisposableBean {

    /**
     * Error codes that mean "not now" rather than "never": rate limits (4, 80007, 130429), the pair
     * rate limit (131056), temporary errors (1, 2, 131000, 131016).
     */
    static final Set<Integer> RETRYABLE_CODES = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131056);

    private static final RequestConfig SEND = timeout(Timeout.ofSeconds(15));
    private static final RequestConfig MEDIA = timeout(Timeout.ofSeconds(30));
    private static final RequestConfig UPLOAD = timeout(Timeout.ofMinutes(2));

    private final CloseableHttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /** Connections for every call the sender may have in flight, and as many again for media and number checks. */
    CloudApiClient(SenderProperties sender) {
        int connections = 2 * sender.inFlight();
        http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5)).build())
                        .build())
                // The sender decides what is retried (a POST to /messages is not idempotent) and follows no redirect.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictExpiredConnections()
                .build();
    }

    private static RequestConfig timeout(Timeout response) {
        return RequestConfig.custom().setResponseTimeout(response).setConnectionRequestTimeout(response).build();
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }

    /** An answer's status and body, read whole as bytes: Jackson reads UTF-8 itself, with no reader and its buffers per call. */
    private record Answer(int status, byte[] body) {
    }

    /** The request with its timeouts and the channel's token. */
    private static <R extends HttpUriRequestBase> R authorized(R request, RequestConfig config, ChannelSecrets channel) {
        request.setConfig(config);
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + channel.accessToken());
        return request;
    }

    private Answer exchange(HttpUriRequestBase request, RequestConfig config, ChannelSecrets channel) throws IOException {
        return http.execute(authorized(request, config, channel), response -> new Answer(response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
    }

    /**
     * Fetches a customer's media: its metadata from {@code /{media-id}}, then the file from the URL
     * it names, both with the channel's token; refused before downloading when the type is not
     * allowed or the size is over the limit, and while downloading if the file turns out larger.
     */
    MediaDownload downloadMedia(ChannelSecrets channel, String mediaId, MediaProperties limits) {
        try {
            Answer meta = exchange(new HttpGet(graph(channel, mediaId)), MEDIA, channel);
            if (meta.status() != 200) {
                return MediaDownload.answered(meta.status(), "The media endpoint");
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
            HttpGet file = authorized(new HttpGet(info.path("url").asString()), MEDIA, channel);
            // Closed without reading the rest when it is too large: the connection is dropped rather than drained.
            try (ClassicHttpResponse response = http.executeOpen(null, file, null)) {
                if (response.getCode() != 200) {
                    return MediaDownload.answered(response.getCode(), "The media URL");
                }
                try (InputStream in = response.getEntity().getContent()) {
                    byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                    if (content.length > max) {
                        return MediaDownload.refused(mimeType, null, "The file is larger than the limit of " + max + " bytes");
                    }
                    return new MediaDownload(mimeType, info.path("sha256").asString(null), (long) content.length, content, null, false);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return MediaDownload.failedForNow("The media could not be fetched: " + e.getMessage());
        } catch (JacksonException e) {
            return MediaDownload.refused(null, null, "The media endpoint's answer is unreadable: " + e.getOriginalMessage());
        }
    }

    /** Sends a message, or marks one read, through {@code POST /{phone-number-id}/messages}. */
    SendResult send(ChannelSecrets channel, Map<String, Object> payload) {
        HttpPost post = new HttpPost(graph(channel, channel.phoneNumberId() + "/messages"));
        post.setEntity(new StringEntity(json.writeValueAsString(payload), ContentType.APPLICATION_JSON));
        return call(post, SEND, channel);
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
        HttpPost post = new HttpPost(graph(channel, channel.phoneNumberId() + "/media"));
        post.setEntity(new ByteArrayEntity(body.toByteArray(),
                ContentType.create("multipart/form-data", new BasicNameValuePair("boundary", boundary))));
        return call(post, UPLOAD, channel);
    }

    /** What the Graph API says of the number ({@code GET /{phone-number-id}}), or its refusal in Meta's words. */
    PhoneNumberCheck phoneNumber(ChannelSecrets channel) {
        try {
            Answer response = exchange(new HttpGet(graph(channel, channel.phoneNumberId()
                    + "?fields=verified_name,display_phone_number,quality_rating,throughput")), SEND, channel);
            JsonNode body = json.readTree(response.body());
            if (response.status() != 200) {
                JsonNode error = body.path("error");
                return PhoneNumberCheck.refused(error.path("code").asInt(response.status()),
                        error.path("message").asString("HTTP " + response.status()));
            }
            return new PhoneNumberCheck(true, body.path("verified_name").asString(null), body.path("display_phone_number").asString(null),
                    body.path("quality_rating").asString(null), body.path("throughput").path("level").asString(null), null, null);
        } catch (IOException | IllegalArgumentException e) {
            return PhoneNumberCheck.refused(null, "The Graph API at " + channel.graphApiUrl() + " could not be reached: " + e.getMessage());
        } catch (JacksonException e) {
            return PhoneNumberCheck.refused(null, "The Graph API's answer is unreadable: " + e.getOriginalMessage());
        }
    }

    /** The Graph API address of {@code path} for the channel's version. */
    private static String graph(ChannelSecrets channel, String path) {
        return channel.graphApiUrl() + "/" + channel.graphApiVersion() + "/" + path;
    }

    private SendResult call(HttpUriRequestBase request, RequestConfig config, ChannelSecrets channel) {
        Answer response;
        try {
            response = exchange(request, config, channel);
        } catch (SocketTimeoutException e) {
            return new SendResult.Retry(0, "The Cloud API did not answer in time");
        } catch (IOException e) {
            return new SendResult.Retry(0, "The Cloud API could not be reached: " + e.getMessage());
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (JacksonException e) {
            return response.status() >= 500 || response.status() == 429
                    ? new SendResult.Retry(response.status(), "HTTP " + response.status())
                    : new SendResult.Failed(response.status(), "HTTP " + response.status() + " with an unreadable body");
        }
        if (response.status() / 100 == 2) {
            // A message's answer names it in messages[0].id, an upload's in id; marking read answers success: true.
            String id = body.path("messages").path(0).path("id").asString(body.path("id").asString(null));
            if (id == null && !body.path("success").asBoolean(false)) {
                return new SendResult.Failed(response.status(), "The answer names no message id");
            }
            return new SendResult.Sent(id);
        }
        JsonNode error = body.path("error");
        int code = error.path("code").asInt(response.status());
        String details = error.path("error_data").path("details").asString(null);
        String message = error.path("message").asString("HTTP " + response.status()) + (details == null ? "" : ": " + details);
        boolean retry = response.status() == 429 || response.status() >= 500 || RETRYABLE_CODES.contains(code);
        return retry ? new SendResult.Retry(code, message) : new SendResult.Failed(code, message);
    }
}
