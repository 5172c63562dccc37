package io.conversa.core.webhook;

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
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("must be a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || !scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return Optional.of("must be an https URL");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry credentials; deliveries are signed instead");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
            return Arrays.stream(addresses).filter(AllowedHostsHttp::isPrivate).findFirst()
                    .map(a -> "must be a public address; " + uri.getHost() + " is " + a.getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve: " + uri.getHost());
        }
    }
}
