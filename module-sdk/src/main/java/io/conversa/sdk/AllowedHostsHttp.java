package io.conversa.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
 * over a size limit. A host reached only through {@code *} must not resolve to a private, loopback
 * or link-local address unless {@code privateNetworks} allows it. The host and the test kit both
 * use it, so a module behaves the same in both.
 */
public final class AllowedHostsHttp implements ModuleHttp {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private final Capability.Http allowed;
    private final Instant deadline;
    private final int maxResponseBytes;
    private final HttpClient client;
    private final boolean privateNetworks;

    public AllowedHostsHttp(Capability.Http allowed, Instant deadline, int maxResponseBytes, HttpClient client,
            boolean privateNetworks) {
        this.allowed = allowed;
        this.deadline = deadline;
        this.maxResponseBytes = maxResponseBytes;
        this.client = client;
        this.privateNetworks = privateNetworks;
    }

    /** A client suitable for modules: no redirects, short connect timeout. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static void refusePrivateAddresses(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new ModuleException("Unknown host " + host);
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                throw new ModuleException(host + " is a private address (" + address.getHostAddress()
                        + "); modules may reach public hosts only.");
            }
        }
    }

    /** Loopback, private, link-local, unspecified, multicast or unique-local (IPv6): not a public host's address. */
    public static boolean isPrivate(InetAddress address) {
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || address instanceof Inet6Address v6 && (v6.getAddress()[0] & 0xfe) == 0xfc;
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
        if (!privateNetworks && !allowed.listed(uri.getHost())) {
            refusePrivateAddresses(uri.getHost());
        }
        String method = request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new ModuleException("Unsupported HTTP method " + request.method());
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (request.timeout() != null && request.timeout().compareTo(left) < 0) {
            left = request.timeout();
        }
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
        } catch (HttpTimeoutException e) {
            throw new ModuleException("The request to " + uri.getHost() + " got no answer within " + left.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new ModuleException("The request to " + uri.getHost() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("Interrupted", e);
        }
    }
}
