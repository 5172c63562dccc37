package io.conversa.modules.js;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import io.conversa.sdk.testkit.ModuleTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a JavaScript module call costs: latency of warm calls (one caller), calls per second with
 * several callers, and a cold call (a new tenant's first call creates its context). Run with
 * {@code ./conversa bench}; results in docs/performance.md.
 */
@Tag("benchmark")
class JsSandboxBenchmark {

    static final String ORDER_TOTAL = """
            function execute(input) {
              const total = input.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
              return { total, summary: input.items.map(item => item.quantity + 'x ' + item.name).join(', ') };
            }
            """;
    static final String INPUT = """
            {"items": [{"name": "Margherita", "price": 9.5, "quantity": 2}, {"name": "Diavola", "price": 11, "quantity": 1},
                       {"name": "Tiramisu", "price": 5, "quantity": 3}, {"name": "Water", "price": 2, "quantity": 4}]}""";
    static final JsSandbox.Host NO_HOST = (operation, argument) -> "null";

    @Test
    void javaScriptModuleCalls() throws Exception {
        try (JsSandbox sandbox = new JsSandbox(JsLimits.defaults())) {
            Instant far = Instant.now().plusSeconds(3600);
            for (int i = 0; i < 30_000; i++) {
                sandbox.call("tenant/bench", ORDER_TOTAL, INPUT, NO_HOST, far);
            }
            long[] warm = new long[50_000];
            for (int i = 0; i < warm.length; i++) {
                long start = System.nanoTime();
                sandbox.call("tenant/bench", ORDER_TOTAL, INPUT, NO_HOST, far);
                warm[i] = System.nanoTime() - start;
            }
            report("warm call, 1 caller (sandbox, JSON in and out)", warm);

            var kit = new ModuleTestKit(new JsModule(sandbox, "tenant/kit", new ModuleManifest("bench.total", "Total",
                    "1.0.0", null, null, null, null, null, null, null), ORDER_TOTAL));
            Map<String, Object> input = Map.of("items", List.of(Map.of("name", "Margherita", "price", 9.5, "quantity", 2),
                    Map.of("name", "Diavola", "price", 11, "quantity", 1), Map.of("name", "Tiramisu", "price", 5, "quantity", 3),
                    Map.of("name", "Water", "price", 2, "quantity", 4)));
            for (int i = 0; i < 30_000; i++) {
                kit.execute(input);
            }
            long[] module = new long[50_000];
            for (int i = 0; i < module.length; i++) {
                long start = System.nanoTime();
                ModuleResult result = kit.execute(input);
                module[i] = System.nanoTime() - start;
                assertThat(result).isInstanceOf(ModuleResult.Success.class);
            }
            report("warm call, 1 caller (JsModule: maps in and out, as the platform calls it)", module);

            for (int callers : new int[] {2, 4, 8}) {
                throughput(sandbox, callers, Duration.ofSeconds(5));
            }

            long heapBefore = usedHeapAfterGc();
            long[] cold = new long[200];
            for (int i = 0; i < cold.length; i++) {
                Thread.sleep(20); // one new tenant every 20 ms: the spare contexts keep up
                long start = System.nanoTime();
                sandbox.call("tenant-" + i + "/cold", ORDER_TOTAL, INPUT, NO_HOST, far);
                cold[i] = System.nanoTime() - start;
            }
            report("first call of a scope (a spare context loads the module)", cold);
            System.out.printf("BENCH heap per warm context: %.2f MB%n", (usedHeapAfterGc() - heapBefore) / 200.0 / (1 << 20));
            long[] burst = new long[100];
            for (int i = 0; i < burst.length; i++) {
                long start = System.nanoTime();
                sandbox.call("burst-" + i + "/cold", ORDER_TOTAL, INPUT, NO_HOST, far);
                burst[i] = System.nanoTime() - start;
            }
            report("first calls of 100 scopes back to back (spares used up: contexts made on the call)", burst);
        }
    }

    private static void throughput(JsSandbox sandbox, int callers, Duration period) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        try (var pool = Executors.newFixedThreadPool(callers)) {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                String scope = "tenant-" + c + "/throughput";
                counts.add(pool.submit(() -> {
                    int calls = 0;
                    while (running.get()) {
                        sandbox.call(scope, ORDER_TOTAL, INPUT, NO_HOST, Instant.now().plusSeconds(60));
                        calls++;
                    }
                    return calls;
                }));
            }
            Thread.sleep(period.toMillis());
            running.set(false);
            long total = 0;
            for (Future<Integer> count : counts) {
                total += count.get();
            }
            System.out.printf("BENCH %d callers: %,d calls/s%n", callers, total * 1000 / period.toMillis());
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("BENCH %s: p50 %.1f µs, p99 %.1f µs, max %.1f ms, %,d calls/s%n", what,
                sorted[sorted.length / 2] / 1000.0, sorted[sorted.length * 99 / 100] / 1000.0,
                sorted[sorted.length - 1] / 1_000_000.0, (long) (sorted.length / (Arrays.stream(nanos).sum() / 1e9)));
    }
}
