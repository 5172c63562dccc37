package io.conversa.modules.js;

import io.conversa.modules.js.JsFailure.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs untrusted JavaScript: GraalJS with no host classes, no IO, no threads, no {@code load} or
 * {@code print}, and frozen built-ins; per call a statement limit, a time limit, a cap on the bytes it
 * allocates and on its result. Whatever a script needs from outside goes through a {@link Host}.
 *
 * <p>Contexts are expensive to create (a millisecond and more) and cheap to call (microseconds), so
 * warm ones are kept per {@code scope} and source: a scope names whose code it is (the platform uses
 * tenant and module), and a context never serves another scope. A context that broke a limit is closed,
 * never reused.
 *
 * <p>Calls run on the sandbox's own platform threads: the watchdog reads each call's allocated bytes
 * from its thread, which the JDK counts for platform threads only.
 */
public final class JsSandbox implements AutoCloseable {

    /** What a script reaches outside; called on the script's thread with the operation and its argument as JSON. */
    @FunctionalInterface
    public interface Host {

        /**
         * @return the answer as JSON
         * @throws RuntimeException whose message the script receives as an {@code Error}
         */
        String call(String operation, String argumentJson);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(10);
    private static final String PRELUDE = resource("prelude.js");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private record Key(String scope, String source) {
    }

    private final JsLimits limits;
    private final Engine engine;
    private final Source prelude;
    private final ExecutorService workers;
    private final Thread watchdog;
    private final Map<Key, Deque<Warm>> idle = new ConcurrentHashMap<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final Set<Running> running = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Warm> spares;
    private final Thread spareMaker;
    private volatile boolean engineClosed;

    public JsSandbox(JsLimits limits) {
        this.limits = limits;
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        this.prelude = Source.newBuilder("js", PRELUDE, "conversa-prelude.js").cached(true).buildLiteral();
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(limits.threads(), task -> Thread.ofPlatform().daemon()
                .name("conversa-js-" + threadNumber.incrementAndGet()).unstarted(task));
        this.watchdog = Thread.ofPlatform().daemon().name("conversa-js-watchdog").start(this::watchWhileRunning);
        this.spares = new ArrayBlockingQueue<>(limits.spareContexts());
        this.spareMaker = Thread.ofPlatform().daemon().name("conversa-js-spares").start(this::makeSpares);
    }

    /**
     * Calls {@code execute(input, context)} of {@code source} and returns its result as JSON.
     *
     * @param scope    whose code this is; contexts are reused within a scope only
     * @param deadline the call fails with {@link Reason#TIME_LIMIT} past it (or past the sandbox's own timeout)
     * @throws JsFailure when the source is invalid, the script throws, or a limit is broken
     */
    public String call(String scope, String source, String inputJson, Host host, Instant deadline) {
        return onWorker(() -> callHere(new Key(scope, source), inputJson, host, deadline));
    }

    /**
     * Loads a source the way a call would (syntax, top-level code, an {@code execute} function) without
     * calling it.
     *
     * @throws JsFailure with {@link Reason#INVALID_SOURCE}, or a limit its top-level code broke
     */
    public void check(String source) {
        onWorker(() -> {
            Running load = watch(limits.timeout().toNanos());
            try {
                create(new Key("check", source), load).context.close();
                return null;
            } catch (PolyglotException e) {
                throw failure(e, load);
            } finally {
                running.remove(load);
            }
        });
    }

    private <T> T onWorker(Callable<T> work) {
        try {
            return workers.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JsFailure(Reason.TIME_LIMIT, "The call was interrupted.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Closes the warm contexts of a scope (a module uninstalled or upgraded). */
    public void forget(String scope) {
        idle.forEach((key, contexts) -> {
            if (key.scope().equals(scope)) {
                for (Warm warm; (warm = contexts.poll()) != null; ) {
                    idleCount.decrementAndGet();
                    warm.context.close();
                }
            }
        });
    }

    @Override
    public void close() {
        engineClosed = true;
        spareMaker.interrupt();
        // A context the spare maker is still creating would wait for the engine's lock while the
        // engine's close waits for that context: let it finish first.
        try {
            spareMaker.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.interrupt();
        workers.shutdownNow();
        idle.values().forEach(contexts -> contexts.forEach(warm -> warm.context.close(true)));
        idle.clear();
        for (Warm spare; (spare = spares.poll()) != null; ) {
            spare.context.close(true);
        }
        engine.close(true);
    }

    private String callHere(Key key, String inputJson, Host host, Instant deadline) {
        long timeoutNanos = Math.min(limits.timeout().toNanos(),
                Math.max(0, Duration.between(Instant.now(), deadline).toNanos()));
        if (timeoutNanos == 0) {
            throw new JsFailure(Reason.TIME_LIMIT, "The call's deadline passed before it started.");
        }
        Running call = watch(timeoutNanos);
        Warm warm = null;
        boolean reusable = false;
        try {
            warm = borrow(key, call);
            warm.host = host;
            warm.context.resetLimits();
            Value result = warm.run.execute(inputJson);
            if (result.canExecute()) {
                result = result.execute();
            }
            String json = result.asString();
            if (json.length() > limits.outputChars()) {
                throw new JsFailure(Reason.OUTPUT_LIMIT, "The result is " + json.length()
                        + " characters of JSON; at most " + limits.outputChars() + " are allowed.");
            }
            reusable = true;
            return json;
        } catch (PolyglotException e) {
            reusable = e.isGuestException() && !e.isCancelled() && !e.isResourceExhausted();
            throw failure(e, call);
        } finally {
            running.remove(call);
            if (warm != null) {
                warm.host = null;
                if (reusable) {
                    giveBack(key, warm);
                } else {
                    warm.context.close(true);
                }
            }
        }
    }

    /** Puts the work starting on this thread under the watchdog. */
    private Running watch(long timeoutNanos) {
        long threadId = Thread.currentThread().threadId();
        Running call = new Running(threadId, THREADS.getThreadAllocatedBytes(threadId), System.nanoTime() + timeoutNanos);
        running.add(call);
        LockSupport.unpark(watchdog);
        return call;
    }

    private JsFailure failure(PolyglotException e, Running call) {
        if (call.stopped != null) {
            return call.stopped;
        }
        if (e.isResourceExhausted()) {
            return new JsFailure(Reason.STATEMENT_LIMIT, "The script ran more than " + limits.statements()
                    + " statements; it was stopped.");
        }
        if (e.isSyntaxError()) {
            return new JsFailure(Reason.INVALID_SOURCE, "The source has a syntax error: " + e.getMessage()
                    + at(e));
        }
        if (e.isCancelled()) {
            return new JsFailure(Reason.TIME_LIMIT, "The script was cancelled.");
        }
        if (e.isHostException()) {
            return new JsFailure(Reason.SCRIPT_ERROR, "A host call failed: " + e.asHostException().getMessage());
        }
        return new JsFailure(call.loaded ? Reason.SCRIPT_ERROR : Reason.INVALID_SOURCE, e.getMessage() + at(e));
    }

    private static String at(PolyglotException e) {
        var location = e.getSourceLocation();
        return location == null || !location.getSource().getName().equals(MODULE_SOURCE_NAME) ? ""
                : " (line " + location.getStartLine() + ")";
    }

    private static final String MODULE_SOURCE_NAME = "module.js";

    private Warm borrow(Key key, Running call) {
        Deque<Warm> contexts = idle.get(key);
        Warm warm = contexts == null ? null : contexts.pollFirst();
        if (warm != null) {
            idleCount.decrementAndGet();
        } else {
            warm = create(key, call);
        }
        call.loaded(warm.context);
        return warm;
    }

    private void giveBack(Key key, Warm warm) {
        if (idleCount.incrementAndGet() > limits.idleContexts()) {
            idleCount.decrementAndGet();
            warm.context.close();
            return;
        }
        idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).addFirst(warm);
    }

    /** Loads a module into a blank context: a spare one if there is one, else a new one. */
    private Warm create(Key key, Running call) {
        Warm warm = spares.poll();
        if (warm == null) {
            warm = blank();
        }
        call.context = warm.context;
        try {
            warm.context.eval(Source.newBuilder("js", key.source(), MODULE_SOURCE_NAME).buildLiteral());
            Value execute = warm.context.getBindings("js").getMember("execute");
            if (execute == null || !execute.canExecute()) {
                throw new JsFailure(Reason.INVALID_SOURCE,
                        "The source must define a function execute(input, context); it does not.");
            }
            warm.context.eval("js", "Object.freeze(globalThis)");
            warm.run = warm.setup.getMember("runner").execute(execute);
            return warm;
        } catch (RuntimeException e) {
            warm.context.close(true);
            throw e;
        }
    }

    /**
     * A context with the prelude run and the built-ins frozen, which no module has seen yet. Freezing
     * visits every built-in, most of a new context's cost, so a few are made ahead on a thread of their own.
     */
    private Warm blank() {
        Context context = Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .allowHostAccess(HostAccess.newBuilder().allowMutableTargetMappings().build())
                .allowHostClassLookup(className -> false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false")
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(limits.statements(), null).build())
                .build();
        Warm warm = new Warm(context);
        try {
            ProxyExecutable bridge = arguments -> warm.bridge(arguments[0].asString(), arguments[1].asString());
            warm.setup = context.eval(prelude).execute(bridge);
            warm.setup.getMember("lockdown").executeVoid();
            context.resetLimits();
            return warm;
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    private void makeSpares() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                spares.put(blank());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (engineClosed) {
                    return;
                }
                throw e;
            }
        }
    }

    /** Checks the running calls every {@link #WATCH_INTERVAL}; sleeps while there are none (an idle server wakes nobody). */
    private void watchWhileRunning() {
        while (!Thread.currentThread().isInterrupted()) {
            if (running.isEmpty()) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, WATCH_INTERVAL.toNanos());
                watch();
            }
        }
    }

    private void watch() {
        long now = System.nanoTime();
        for (Running call : running) {
            if (call.stopped != null) {
                continue;
            }
            if (now - call.deadlineNanos > 0) {
                call.stop(new JsFailure(Reason.TIME_LIMIT, "The script ran past its time limit; it was stopped."));
            } else if (THREADS.getThreadAllocatedBytes(call.threadId) - call.allocatedAtStart > limits.memoryBytes()) {
                call.stop(new JsFailure(Reason.MEMORY_LIMIT, "The script allocated more than "
                        + limits.memoryBytes() / (1024 * 1024) + " MB; it was stopped."));
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = JsSandbox.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A context with the module loaded and the host it currently serves. */
    private static final class Warm {

        final Context context;
        /** What the prelude returned: {@code lockdown} and {@code runner}. */
        Value setup;
        Value run;
        volatile Host host;

        Warm(Context context) {
            this.context = context;
        }

        String bridge(String operation, String argumentJson) {
            Host current = host;
            try {
                if (current == null) {
                    throw new IllegalStateException("nothing is available while the module loads");
                }
                return "{\"value\":" + current.call(operation, argumentJson) + "}";
            } catch (RuntimeException e) {
                return JSON.writeValueAsString(Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    /** A call in progress, as the watchdog sees it. */
    private static final class Running {

        final long threadId;
        final long allocatedAtStart;
        final long deadlineNanos;
        /** Set once the context exists (or while the module's source loads into a new one). */
        volatile Context context;
        /** Whether the module has loaded, so a failure is the call's and not the source's. */
        volatile boolean loaded;
        volatile JsFailure stopped;

        Running(long threadId, long allocatedAtStart, long deadlineNanos) {
            this.threadId = threadId;
            this.allocatedAtStart = allocatedAtStart;
            this.deadlineNanos = deadlineNanos;
        }

        void loaded(Context context) {
            this.context = context;
            this.loaded = true;
        }

        void stop(JsFailure why) {
            Context target = context;
            if (target == null) {
                return;
            }
            stopped = why;
            // close(true) waits for the script to stop; the watchdog must not wait with it.
            Thread.ofVirtual().start(() -> target.close(true));
        }
    }
}
