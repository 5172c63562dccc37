package io.conversa.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link ModuleHttp} on the JDK's client, refusing hosts outside the manifest's list, schemes
 * other than http(s), redirects (they could leave the list) and answers past the deadline or
 * over a size limit. The host and the test kit both use it, so a module behaves the same in both.
 */
public final class AllowedHostsHttp implements ModuleHttp {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private final Capability.Http allowed;
    private final Instant deadline;
    private final int maxResponseBytes;
    private final HttpClient client;

    public AllowedHostsHttp(Capability.Http allowed, Instant deadline, int maxResponseBytes, HttpClient client) {
        this.allowed = allowed;
        this.deadline = deadline;
        this.maxResponseBytes = maxResponseBytes;
        this.client = client;
    }

    /** A client suitable for modules: no redirects, short connect timeout. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public Response send(Request request) {
        URI uri;
        try {
            uri = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            throw new ModuleException("Not a URL: " + request.url());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ModuleException("Only http and https URLs are allowed: " + request.url());
        }
        if (uri.getHost() == null || !allowed.allows(uri.getHost())) {
            throw new ModuleException("The module may not reach " + uri.getHost() + "; its manifest allows " + allowed.hosts());
        }
        String method = request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new ModuleException("Unsupported HTTP method " + request.method());
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new ModuleException("The call's deadline has passed");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(left)
                .method(method, request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (var in = response.body()) {
                body = in.readNBytes(maxResponseBytes + 1);
            }
            if (body.length > maxResponseBytes) {
                throw new ModuleException("The answer from " + uri.getHost() + " is larger than " + maxResponseBytes + " bytes");
            }
            Map<String, String> headers = response.headers().map().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> String.join(", ", e.getValue())));
            return new Response(response.statusCode(), headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModuleException("The request to " + uri.getHost() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("Interrupted", e);
        }
    }
}
