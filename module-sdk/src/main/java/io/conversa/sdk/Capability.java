package io.conversa.sdk;

import java.util.List;
import java.util.Locale;

/** Something a module may reach, declared in its manifest and granted by the host. */
public sealed interface Capability {

    /**
     * HTTP(S) requests to these hosts only: exact names, {@code *.example.com} for subdomains, or
     * {@code *} for any public host (for modules whose URL the tenant types in, like the HTTP request
     * module; the host then refuses private, loopback and link-local addresses unless its operator
     * allows them).
     */
    record Http(List<String> hosts) implements Capability {

        public static final String ANY_PUBLIC_HOST = "*";

        public Http {
            hosts = List.copyOf(hosts);
        }

        public boolean allows(String host) {
            return listed(host) || hosts.contains(ANY_PUBLIC_HOST);
        }

        /** Whether the host is named by the list itself, not only by {@code *}. */
        public boolean listed(String host) {
            String lower = host.toLowerCase(Locale.ROOT);
            return hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).anyMatch(h -> h.startsWith("*.")
                    ? lower.endsWith(h.substring(1)) : lower.equals(h));
        }
    }

    /** A key-value store of the tenant's own, kept between calls. */
    record KeyValueStore() implements Capability {
    }

    /** The conversation's contact: read it, and change its tags and attributes. */
    record Contact() implements Capability {
    }
}
