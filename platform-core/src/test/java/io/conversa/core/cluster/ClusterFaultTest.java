package io.conversa.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ConversaProcesses;
import io.conversa.core.support.MetaWebhooks;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Three Conversa processes on one PostgreSQL and one Redis, as behind a load balancer, under
 * faults: customers write fast, their webhooks spread over the processes (Meta retrying a refused
 * delivery, with the same message id, on another); a flow answers every message. One process is
 * killed with {@code kill -9} in the middle, or Redis is stopped and started again. Afterwards every
 * acknowledged message has its answer, in each customer's order, every flow timer fired once, and
 * the number's throughput held.
 */
class ClusterFaultTest {

    static final String NUMBER = "555000111222";
    static final String SECRET = "cluster-app-secret";
    static final int MESSAGES_PER_SECOND = 20;
    static final int CUSTOMERS = 12;
    static final int MESSAGES_EACH = 8;
    static final String ECHO = """
            {"name": "Echo", "start": "echo", "nodes": [
               {"id": "echo", "type": "message", "data": {"message": {"type": "text", "body": "echo {{message.text}}"}}}],
             "edges": [], "triggers": {"defaultFlow": true}}
            """;
    static final String LATER = """
            {"name": "Later", "start": "set", "nodes": [
               {"id": "set", "type": "message", "data": {"message": {"type": "text", "body": "timer set"}}},
               {"id": "wait", "type": "delay", "data": {"seconds": 3}},
               {"id": "fired", "type": "message", "data": {"message": {"type": "text", "body": "timer fired"}}}],
             "edges": [{"id": "1", "source": "set", "target": "wait"}, {"id": "2", "source": "wait", "target": "fired"}],
             "triggers": {"keywords": ["later"]}}
            """;
    static final int TIMER_CUSTOMERS = 6;
    /** Cloud API calls a process has in flight at once, each until its outcome is committed. */
    static final int IN_FLIGHT = 4;

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> redis = new ArrayList<>();
    private ConversaProcesses processes;
    private final List<Integer> ports = new ArrayList<>();
    private final Set<Integer> down = ConcurrentHashMap.newKeySet();
    private String channelId;

    @AfterEach
    void stopAll() throws Exception {
        if (processes != null) {
            processes.stopAll();
        }
        for (Process server : redis) {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void killingOneProcessMidLoadLosesNoAcknowledgedMessage() throws Exception {
        String redisUrl = startRedis(ConversaProcesses.freePort());
        List<Process> cluster = startCluster(redisUrl);
        Process victim = cluster.get(2);

        Map<String, List<String>> acknowledged = load(() -> {
            down.add(ports.get(2));
            victim.destroyForcibly();
            System.out.println("killed process C (pid " + victim.pid() + ") with SIGKILL");
        });

        assertEveryAcknowledgedMessageAnsweredInOrder(acknowledged);
        assertThroughputHeld();
    }

    @Test
    void redisStoppedAndStartedAgainMidLoadLosesNothing() throws Exception {
        int redisPort = ConversaProcesses.freePort();
        String redisUrl = startRedis(redisPort);
        startCluster(redisUrl);

        CompletableFuture<Void> restarted = new CompletableFuture<>();
        Map<String, List<String>> acknowledged = load(() -> {
            redis.getLast().destroyForcibly();
            System.out.println("stopped Redis");
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(3000);
                    startRedis(redisPort);
                    System.out.println("started Redis again");
                    restarted.complete(null);
                } catch (Exception e) {
                    restarted.completeExceptionally(e);
                }
            });
        });
        // However fast the load went, customers write on after Redis is back until a process that
        // met the outage uses it again (a process notices on its next use; Redisson reconnects within seconds).
        restarted.get(1, TimeUnit.MINUTES);
        for (int round = 0; round < 60 && processesBackOnRedis() == 0; round++) {
            say(round % CUSTOMERS, MESSAGES_EACH + round / CUSTOMERS, acknowledged);
            Thread.sleep(500);
        }

        assertEveryAcknowledgedMessageAnsweredInOrder(acknowledged);
        // A process that met the outage said so (once per failed spell, not per send), and one that
        // sent again after Redis was back said that Redis answers again.
        int met = 0;
        for (int n = 0; n < 3; n++) {
            int outages = outages(Files.readString(processes.log(n)));
            assertThat(outages).as("outages process %d logged", n).isLessThanOrEqualTo(3);
            met += outages > 0 ? 1 : 0;
        }
        assertThat(met).as("processes that sent while Redis was down").isPositive();
        assertThat(processesBackOnRedis()).as("processes back on Redis").isPositive();
    }

    private int processesBackOnRedis() throws IOException {
        int back = 0;
        for (int n = 0; n < 3; n++) {
            String log = Files.readString(processes.log(n));
            back += outages(log) > 0 && log.lastIndexOf("Redis answers again") > log.lastIndexOf("Redis cannot answer") ? 1 : 0;
        }
        return back;
    }

    private static int outages(String log) {
        return log.split("Redis cannot answer", -1).length - 1;
    }

    /** A: the embedded PostgreSQL and the Cloud API simulator the number sends to; B and C share them; all share Redis. */
    private List<Process> startCluster(String redisUrl) throws Exception {
        processes = new ConversaProcesses(home);
        int database = ConversaProcesses.freePort();
        for (int n = 0; n < 3; n++) {
            ports.add(ConversaProcesses.freePort());
        }
        List<Process> cluster = new ArrayList<>();
        String inFlight = "--conversa.whatsapp.sender.in-flight=" + IN_FLIGHT;
        cluster.add(processes.start(ports.get(0), "--conversa.embedded-database.port=" + database, "--conversa.redis.url=" + redisUrl,
                inFlight));
        for (int n = 1; n < 3; n++) {
            cluster.add(processes.start(ports.get(n), "--spring.datasource.url=jdbc:postgresql://localhost:" + database + "/postgres",
                    "--spring.datasource.username=postgres", "--conversa.redis.url=" + redisUrl, inFlight));
        }
        ApiClient.Session owner = new ApiClient(ports.get(0)).signup("Cluster " + System.nanoTime());
        JsonNode channel = owner.connectSimulatedNumber(NUMBER, SECRET);
        channelId = channel.path("id").asString();
        assertThat(owner.patch("/api/v1/channels/" + channelId, Map.of("messagesPerSecond", MESSAGES_PER_SECOND)).status()).isEqualTo(200);
        for (String document : List.of(ECHO, LATER)) {
            String flow = owner.post("/api/v1/flows", document).json().path("flow").path("id").asString();
            assertThat(owner.post("/api/v1/flows/" + flow + "/publish", "").status()).isEqualTo(200);
        }
        return cluster;
    }

    /**
     * First a few customers start the flow with a timer ("later"); then each customer writes its
     * messages one after the other without waiting for answers, each to the next process in turn;
     * a delivery a process did not acknowledge goes, unchanged, to the next one, as Meta retries.
     * {@code fault} runs once a third of the messages are acknowledged.
     *
     * @return the replies each customer must get, in order
     */
    private Map<String, List<String>> load(Runnable fault) throws Exception {
        Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
        for (int t = 0; t < TIMER_CUSTOMERS; t++) {
            String customer = "4917100000" + (10 + t);
            deliver(MetaWebhooks.text(NUMBER, customer, "Waiting " + t, "wamid.cluster.later." + t, "later"), t);
            acknowledged.put(customer, List.of("timer set", "timer fired"));
        }
        AtomicInteger count = new AtomicInteger();
        int faultAt = CUSTOMERS * MESSAGES_EACH / 3;
        try (ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int k = 0; k < CUSTOMERS; k++) {
                int first = k;
                running.add(customers.submit(() -> {
                    for (int i = 0; i < MESSAGES_EACH; i++) {
                        say(first, i, acknowledged);
                        if (count.incrementAndGet() == faultAt) {
                            fault.run();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> customer : running) {
                customer.get(3, TimeUnit.MINUTES);
            }
        }
        assertThat(acknowledged.values().stream().mapToInt(List::size).sum()).isEqualTo(CUSTOMERS * MESSAGES_EACH + 2 * TIMER_CUSTOMERS);
        return acknowledged;
    }

    /** Customer {@code k}'s message number {@code i}, delivered, and the reply it is to get. */
    private void say(int k, int i, Map<String, List<String>> acknowledged) throws InterruptedException {
        String customer = "4917000000" + (10 + k);
        String text = "c" + k + "-m" + i;
        deliver(MetaWebhooks.text(NUMBER, customer, "Customer " + k, "wamid.cluster." + customer + "." + i, text), k + i);
        acknowledged.computeIfAbsent(customer, c -> new ArrayList<>()).add("echo " + text);
    }

    /** Posts the signed webhook to process {@code turn % 3}, and on to the next until one answers 200. */
    private void deliver(String body, int turn) throws InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; ; attempt++) {
            int port = ports.get((turn + attempt) % ports.size());
            if (down.contains(port)) {
                continue;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/whatsapp/" + channelId))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .header("X-Hub-Signature-256", MetaWebhooks.signature(bytes, SECRET))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException refused) {
                // Not acknowledged: Meta delivers it again.
            }
            assertThat(attempt).as("no process acknowledged %s", body).isLessThan(60);
            Thread.sleep(200);
        }
    }

    /**
     * Every acknowledged message answered, in each customer's order. A reply the killed process
     * had in flight when it died (sent, its outcome not yet committed) goes out again, as the
     * Cloud API has no idempotency key: a repeat right after itself is allowed, at most as many as
     * a process has calls in flight; anything else is not.
     */
    private void assertEveryAcknowledgedMessageAnsweredInOrder(Map<String, List<String>> acknowledged) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, List<String>> replies = replies();
            return acknowledged.entrySet().stream()
                    .allMatch(c -> Set.copyOf(replies.getOrDefault(c.getKey(), List.of())).size() == c.getValue().size());
        });
        Map<String, List<String>> replies = replies();
        int repeats = 0;
        for (var customer : acknowledged.entrySet()) {
            List<String> distinct = new ArrayList<>();
            for (String reply : replies.get(customer.getKey())) {
                if (!distinct.isEmpty() && distinct.getLast().equals(reply)) {
                    repeats++;
                } else {
                    distinct.add(reply);
                }
            }
            assertThat(distinct).as("replies to %s", customer.getKey()).isEqualTo(customer.getValue());
        }
        System.out.println("replies sent twice: " + repeats);
        assertThat(repeats).as("replies sent twice (in flight at the kill)").isLessThanOrEqualTo(IN_FLIGHT);
    }

    /**
     * The simulator measured every reply's arrival: within any 5 seconds no more than the number's
     * throughput allows, and within any second no more than it allows either, but for the calls
     * in flight when the window began. The limiter counts when a send starts and a reply takes a
     * varying time to arrive, so a window at the receiving end can also catch sends that started
     * before it: at most every process's calls in flight.
     */
    private void assertThroughputHeld() {
        List<Long> times = messages().stream().map(m -> m.path("receivedAt").asLong()).sorted().toList();
        int inOneSecond = most(times, 1000);
        int inFiveSeconds = most(times, 5000);
        System.out.printf("most replies within 1 s: %d, within 5 s: %d (throughput %d/s)%n", inOneSecond, inFiveSeconds, MESSAGES_PER_SECOND);
        int inFlight = 3 * IN_FLIGHT;
        assertThat(inFiveSeconds).isLessThanOrEqualTo(5 * MESSAGES_PER_SECOND + inFlight);
        assertThat(inOneSecond).isLessThanOrEqualTo(MESSAGES_PER_SECOND + inFlight);
    }

    /** The most of these times (sorted, in milliseconds) within any window of this length. */
    private static int most(List<Long> times, long window) {
        int most = 0;
        for (int first = 0, last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= window) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private Map<String, List<String>> replies() {
        Map<String, List<String>> replies = new LinkedHashMap<>();
        messages().stream().sorted((a, b) -> Long.compare(a.path("receivedAt").asLong(), b.path("receivedAt").asLong()))
                .forEach(m -> replies.computeIfAbsent(m.path("to").asString(), c -> new ArrayList<>()).add(m.path("text").path("body").asString()));
        return replies;
    }

    private List<JsonNode> messages() {
        return new ApiClient(ports.get(0)).get("/simulator/numbers/" + NUMBER + "/messages").json().valueStream().toList();
    }

    /** A Redis of this test's own (so that stopping it disturbs no other test), skipped where there is no redis-server. */
    private String startRedis(int port) throws Exception {
        Assumptions.assumeTrue(onPath("redis-server"), "no redis-server here");
        Process server = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no").redirectErrorStream(true).redirectOutput(home.resolve("redis-" + redis.size() + ".log").toFile()).start();
        redis.add(server);
        String url = "redis://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return url;
    }

    private static boolean onPath(String command) {
        return System.getenv("PATH") != null && Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
