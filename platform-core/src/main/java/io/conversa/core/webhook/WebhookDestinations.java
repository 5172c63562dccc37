package io.conversa.core.webhook;

import io.conversa.core.web.Problems;
import io.conversa.sdk.AllowedHostsHttp;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where deliveries may go: public {@code https} addresses only, checked when a subscription is
 * saved and again before every delivery (a name may resolve elsewhere later), unless the operator
 * allows private addresses.
 */
@Component
class WebhookDestinations {

    private final boolean allowPrivate;

    WebhookDestinations(WebhookProperties properties) {
        this.allowPrivate = properties.allowPrivateAddresses();
    }

    /** What is wrong with the URL as a destination, or empty when deliveries may go there. */
    Optional<Problems.FieldError> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return refused("webhook.url.not-a-url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || !scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return refused("webhook.url.not-https");
        }
        if (uri.getUserInfo() != null) {
            return refused("webhook.url.credentials");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
            return Arrays.stream(addresses).filter(AllowedHostsHttp::isPrivate).findFirst()
                    .map(a -> Problems.FieldError.of("url", "webhook.url.private", uri.getHost(), a.getHostAddress()));
        } catch (UnknownHostException e) {
            return refused("webhook.url.unknown-host", uri.getHost());
        }
    }

    private static Optional<Problems.FieldError> refused(String code, Object... args) {
        return Optional.of(Problems.FieldError.of("url", code, args));
    }
}
