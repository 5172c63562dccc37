package io.conversa.modules.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conversa.modules.js.JsFailure.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attacks on the sandbox: each must be refused or stopped, and the sandbox must keep serving. */
class JsSandboxTest {

    private static final JsSandbox SANDBOX = new JsSandbox(new JsLimits(Duration.ofSeconds(2), 5_000_000,
            64L * 1024 * 1024, 10_000, 16, 1, 2));
    private static final JsSandbox.Host NO_HOST = (operation, argument) -> {
        throw new IllegalStateException("no host in this test");
    };

    @AfterAll
    static void close() {
        SANDBOX.close();
    }

    private static String call(String scope, String source, String input) {
        return SANDBOX.call(scope, source, input, NO_HOST, Instant.now().plusSeconds(30));
    }

    private static String run(String body) {
        return call("tenant-a/test", "function execute(input, context) { " + body + " }", "{}");
    }

    private static JsFailure failureOf(String body) {
        try {
            run(body);
        } catch (JsFailure failure) {
            return failure;
        }
        throw new AssertionError("the script was not stopped: " + body);
    }

    @Test
    void returnsTheResultOfExecuteAsJson() {
        String source = "function execute(input) { return { total: input.items.reduce((a, b) => a + b, 0), n: null }; }";

        assertThat(call("tenant-a/sum", source, "{\"items\":[1,2,3.5]}")).isEqualTo("{\"total\":6.5,\"n\":null}");
        assertThat(call("tenant-a/sum", source, "{\"items\":[]}")).isEqualTo("{\"total\":0,\"n\":null}");
    }

    @Test
    void anAsyncExecuteIsAwaited() {
        String source = "async function execute(input) { const x = await Promise.resolve(input.x); return x * 2; }";

        assertThat(call("tenant-a/async", source, "{\"x\":21}")).isEqualTo("42");
        assertThatThrownBy(() -> call("tenant-a/async-fail", "async function execute() { throw new Error('nope'); }", "{}"))
                .isInstanceOfSatisfying(JsFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(Reason.SCRIPT_ERROR);
                    assertThat(f).hasMessageContaining("nope");
                });
    }

    @Test
    void undefinedBecomesNull() {
        assertThat(run("return undefined;")).isEqualTo("null");
    }

    @Test
    void anInvalidSourceSaysWhatIsWrong() {
        assertThatThrownBy(() -> call("tenant-a/bad", "function execute( {", "{}"))
                .isInstanceOfSatisfying(JsFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(Reason.INVALID_SOURCE);
                    assertThat(f).hasMessageContaining("syntax error").hasMessageContaining("line 1");
                });
        assertThatThrownBy(() -> call("tenant-a/none", "const x = 1;", "{}"))
                .isInstanceOfSatisfying(JsFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(Reason.INVALID_SOURCE);
                    assertThat(f).hasMessageContaining("execute(input, context)");
                });
        assertThatThrownBy(() -> call("tenant-a/throws-on-load", "throw new Error('at load'); function execute() {}", "{}"))
                .isInstanceOfSatisfying(JsFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.INVALID_SOURCE));
    }

    @Test
    void checkingASourceLoadsItWithoutCallingIt() {
        SANDBOX.check("function execute() { for (;;) {} }");

        assertThatThrownBy(() -> SANDBOX.check("function execute( {"))
                .isInstanceOfSatisfying(JsFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.INVALID_SOURCE));
        assertThatThrownBy(() -> SANDBOX.check("for (;;) {} function execute() {}"))
                .isInstanceOfSatisfying(JsFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.STATEMENT_LIMIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "return Java.type('java.lang.Runtime').getRuntime().exec('id');",
            "return Packages.java.lang.System.exit(1);",
            "return java.lang.System.getenv();",
            "return Polyglot.eval('js', '1');",
            "return Graal.versionJS;",
            "return process.env;",
            "return process.exit(1);",
            "return require('fs').readFileSync('/etc/passwd', 'utf8');",
            "return load('/etc/passwd');",
            "return read('/etc/passwd');",
            "return readFile('/etc/passwd');",
            "print('x'); return 1;",
            "console.log('x'); return 1;",
            "return quit();",
            "return new Worker('x.js');",
            "return new XMLHttpRequest();",
            "return fetch('http://127.0.0.1:5432/');",
            "return new WebSocket('ws://127.0.0.1:6379/');",
            "return WebAssembly.compile(new Uint8Array(8));",
            "return Debug.typeof(1);",
    })
    void hostAccessIoAndThreadsAreNotThere(String body) {
        JsFailure failure = failureOf(body);

        assertThat(failure.reason()).isEqualTo(Reason.SCRIPT_ERROR);
        assertThat(failure.getMessage()).containsAnyOf("is not defined", "is not a function", "not allowed",
                "Cannot read", "undefined");
    }

    @Test
    void dynamicImportCannotReachFiles() {
        String source = "async function execute() { const fs = await import('/etc/passwd'); return String(fs); }";

        assertThatThrownBy(() -> call("tenant-a/import", source, "{}")).isInstanceOf(JsFailure.class);
    }

    @Test
    void theContextOffersNoWayBackToTheBridge() {
        String body = "return [typeof context.log.info.bridge, Object.keys(context).join(','),"
                + " Object.isFrozen(context), Object.isFrozen(context.http),"
                + " (() => { try { context.http.fetch = null; return 'changed'; } catch (e) { return 'refused'; } })()];";
        String source = "'use strict'; function execute(input, context) { " + body + " }";

        assertThat(call("tenant-a/bridge", source, "{}"))
                .isEqualTo("[\"undefined\",\"log,http,store,secret,deadline\",true,true,\"refused\"]");
    }

    @Test
    void anEndlessLoopIsStoppedByTheStatementLimit() {
        JsFailure failure = failureOf("while (true) {}");

        assertThat(failure.reason()).isEqualTo(Reason.STATEMENT_LIMIT);
        assertThat(run("return 'still serving';")).isEqualTo("\"still serving\"");
    }

    @Test
    void aSlowScriptIsStoppedByTheTimeLimit() {
        try (JsSandbox manyStatements = new JsSandbox(new JsLimits(Duration.ofMillis(300), Long.MAX_VALUE,
                1L << 40, 10_000, 4, 1, 1))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> manyStatements.call("tenant-a/spin", "function execute() { for (;;) {} }", "{}",
                    NO_HOST, Instant.now().plusSeconds(30)))
                    .isInstanceOfSatisfying(JsFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.TIME_LIMIT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(manyStatements.call("tenant-a/spin", "function execute() { return 1; }", "{}", NO_HOST,
                    Instant.now().plusSeconds(30))).isEqualTo("1");
        }
    }

    @Test
    void theWatchdogSleepsWhileNoCallRuns() throws InterruptedException {
        Set<Thread> before = watchdogs();
        try (JsSandbox sandbox = new JsSandbox(new JsLimits(Duration.ofMillis(300), Long.MAX_VALUE, 1L << 40, 10_000, 4, 1, 1))) {
            Set<Thread> created = watchdogs();
            created.removeAll(before);
            Thread watchdog = created.iterator().next();
            assertThatThrownBy(() -> sandbox.call("tenant-a/spin", "function execute() { for (;;) {} }", "{}", NO_HOST,
                    Instant.now().plusSeconds(30))).isInstanceOf(JsFailure.class);

            // Parked without a timeout: not woken every interval while idle.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (watchdog.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(watchdog.getState()).isEqualTo(Thread.State.WAITING);
            assertThat(sandbox.call("tenant-a/spin", "function execute() { return 1; }", "{}", NO_HOST,
                    Instant.now().plusSeconds(30))).isEqualTo("1");
        }
    }

    private static Set<Thread> watchdogs() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("conversa-js-watchdog"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void theCallersDeadlineShortensTheTimeLimit() {
        try (JsSandbox manyStatements = new JsSandbox(new JsLimits(Duration.ofSeconds(60), Long.MAX_VALUE,
                1L << 40, 10_000, 4, 1, 1))) {
            assertThatThrownBy(() -> manyStatements.call("tenant-a/spin", "function execute() { for (;;) {} }", "{}",
                    NO_HOST, Instant.now().plusMillis(200)))
                    .isInstanceOfSatisfying(JsFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.TIME_LIMIT));
            assertThatThrownBy(() -> manyStatements.call("tenant-a/late", "function execute() { return 1; }", "{}",
                    NO_HOST, Instant.now().minusSeconds(1)))
                    .isInstanceOfSatisfying(JsFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.TIME_LIMIT));
        }
    }

    @Test
    void blockingOnAtomicsIsStoppedByTheTimeLimit() {
        try (JsSandbox sandbox = new JsSandbox(new JsLimits(Duration.ofMillis(300), 5_000_000, 1L << 30, 10_000, 4, 1, 1))) {
            String source = "function execute() { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000); return 'woke'; }";
            long start = System.nanoTime();

            assertThatThrownBy(() -> sandbox.call("tenant-a/wait", source, "{}", NO_HOST, Instant.now().plusSeconds(60)))
                    .isInstanceOf(JsFailure.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void deepRecursionFailsTheCallOnly() {
        JsFailure failure = failureOf("const f = n => f(n + 1) + 1; return f(0);");

        assertThat(failure.reason()).isEqualTo(Reason.SCRIPT_ERROR);
        assertThat(failure).hasMessageContaining("call stack");
        assertThat(run("return 'still serving';")).isEqualTo("\"still serving\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "const all = []; for (;;) { all.push(new Array(100000).fill(1.5)); }",
            "let s = 'x'; for (;;) { s = s + s; }",
            "return new ArrayBuffer(2 ** 31).byteLength;",
            "return 'x'.repeat(2 ** 30).length;",
            "const all = []; for (let i = 0; i < 100; i++) { all.push(new ArrayBuffer(16 * 1024 * 1024)); } return all.length;",
    })
    void hugeAllocationsAreRefusedOrStopped(String body) {
        JsFailure failure = failureOf(body);

        // Whichever limit comes first stops it: a failed huge allocation may cost the JVM a long
        // garbage collection first, and then the time limit is reached before anything else.
        assertThat(failure.reason()).isIn(Reason.MEMORY_LIMIT, Reason.SCRIPT_ERROR, Reason.TIME_LIMIT);
        if (failure.reason() == Reason.SCRIPT_ERROR) {
            assertThat(failure).hasMessageContaining("RangeError");
        }
        assertThat(run("return 'still serving';")).isEqualTo("\"still serving\"");
    }

    @Test
    void aResultLargerThanTheCapIsRefused() {
        JsFailure failure = failureOf("return 'x'.repeat(20000);");

        assertThat(failure.reason()).isEqualTo(Reason.OUTPUT_LIMIT);
        assertThat(failure).hasMessageContaining("at most 10000");
    }

    @Test
    void prototypePollutionDoesNotReachTheNextCall() {
        String source = """
                function execute(input) {
                  if (input.attack) {
                    try { Object.prototype.isAdmin = true; } catch (e) {}
                    try { Array.prototype.map = () => 'hijacked'; } catch (e) {}
                    try { JSON.parse = () => ({ isAdmin: true }); } catch (e) {}
                    try { globalThis.leak = 'secret'; } catch (e) {}
                    try { Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'owned' }); } catch (e) {}
                  }
                  return [({}).isAdmin === undefined, [1].map(x => x + 1)[0], typeof leak, JSON.stringify({a: 1})];
                }
                """;

        call("tenant-a/polluter", source, "{\"attack\":true}");

        String clean = "[true,2,\"undefined\",\"{\\\"a\\\":1}\"]";
        assertThat(call("tenant-a/polluter", source, "{\"attack\":false}")).isEqualTo(clean);
        assertThat(call("tenant-b/polluter", source, "{\"attack\":false}")).isEqualTo(clean);
    }

    @Test
    void strictModePollutionIsRefusedWithAnError() {
        String source = "'use strict'; function execute() { Object.prototype.isAdmin = true; return 1; }";

        assertThatThrownBy(() -> call("tenant-a/strict", source, "{}"))
                .isInstanceOfSatisfying(JsFailure.class, f -> assertThat(f).hasMessageContaining("TypeError"));
    }

    @Test
    void tenantsNeverShareAContext() {
        String source = "let calls = 0; function execute(input) { calls++; return calls; }";

        assertThat(call("tenant-a/counter", source, "{}")).isEqualTo("1");
        assertThat(call("tenant-a/counter", source, "{}")).isEqualTo("2");
        assertThat(call("tenant-b/counter", source, "{}")).isEqualTo("1");
    }

    @Test
    void forgettingAScopeDropsItsWarmContexts() {
        String source = "let calls = 0; function execute() { return ++calls; }";
        call("tenant-a/forget", source, "{}");

        SANDBOX.forget("tenant-a/forget");

        assertThat(call("tenant-a/forget", source, "{}")).isEqualTo("1");
    }

    @Test
    void oneModuleBreakingLimitsDoesNotDisturbOthersRunningAtTheSameTime() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> good = new ArrayList<>();
            Callable<String> spin = () -> run("while (true) {}");
            Future<String> bad = pool.submit(spin);
            for (int i = 0; i < 200; i++) {
                int n = i;
                good.add(pool.submit(() -> call("tenant-b/good", "function execute(input) { return input.n * 2; }",
                        "{\"n\":" + n + "}")));
            }
            for (int i = 0; i < good.size(); i++) {
                assertThat(good.get(i).get()).isEqualTo(String.valueOf(i * 2));
            }
            assertThatThrownBy(bad::get).hasCauseInstanceOf(JsFailure.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
