package io.conversa.sdk;

import java.util.List;
import java.util.Locale;

/** Something a module may reach, declared in its manifest and granted by the host. */
public sealed interface Capability {

    /** HTTP(S) requests to these hosts only (exact names, or {@code *.example.com} for subdomains). */
    record Http(List<String> hosts) implements Capability {

        public Http {
            hosts = List.copyOf(hosts);
        }

        public boolean allows(String host) {
            String lower = host.toLowerCase(Locale.ROOT);
            return hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).anyMatch(h -> h.startsWith("*.")
                    ? lower.endsWith(h.substring(1)) : lower.equals(h));
        }
    }

    /** A key-value store of the tenant's own, kept between calls. */
    record KeyValueStore() implements Capability {
    }
}
