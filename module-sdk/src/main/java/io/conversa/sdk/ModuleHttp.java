package io.conversa.sdk;

import java.time.Duration;
import java.util.Map;

/** HTTP limited to the hosts the manifest lists. */
public interface ModuleHttp {

    /**
     * Sends a request and waits for the answer (within the call's deadline).
     *
     * @throws ModuleException when the host is not allowed, or the request fails or times out
     */
    Response send(Request request);

    /** @param timeout how long to wait for the answer at most (null: until the call's deadline) */
    record Request(String method, String url, Map<String, String> headers, String body, Duration timeout) {

        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public Request(String method, String url, Map<String, String> headers, String body) {
            this(method, url, headers, body, null);
        }

        public static Request get(String url) {
            return new Request("GET", url, Map.of(), null);
        }
    }

    record Response(int status, Map<String, String> headers, String body) {
    }
}
