package io.conversa.core.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server receiving tenants' webhooks, with faults on demand: answers with a status,
 * answers late, or drops the connection without answering.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** What to do with the next request. */
    public sealed interface Fault {
        record Status(int code) implements Fault {
        }

        record Slow(long millis) implements Fault {
        }

        record Drop() implements Fault {
        }
    }

    /** A request as it arrived. */
    public record Request(Instant at, Map<String, List<String>> headers, String body, int answered) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Fault always;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The next requests get these faults, in order; then 200. */
    public void fail(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** Every request gets this fault until {@code heal()}. */
    public void failAlways(Fault fault) {
        always = fault;
    }

    public void heal() {
        always = null;
        faults.clear();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests answered 2xx: what the receiver took. */
    public List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Fault fault = always != null ? always : faults.poll();
        int status = switch (fault) {
            case Fault.Status s -> s.code();
            case Fault.Drop d -> -1;
            case null, default -> 200;
        };
        requests.add(new Request(Instant.now(), Map.copyOf(exchange.getRequestHeaders()), body, fault instanceof Fault.Slow ? -2 : status));
        if (fault instanceof Fault.Slow slow) {
            sleep(slow.millis());
        }
        if (status < 0) {
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
