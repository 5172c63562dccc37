package io.conversa.modules.js;

import java.time.Duration;

/**
 * What one call of sandboxed JavaScript may use; breaking any limit fails that call only.
 *
 * @param timeout        wall-clock time of a call (shortened further by the call's own deadline)
 * @param statements     JavaScript statements executed in a call
 * @param memoryBytes    bytes the call may allocate on the heap (counted per call, not live size)
 * @param outputChars    length of the call's result as JSON
 * @param idleContexts   warm contexts kept for reuse, across all modules
 * @param spareContexts  blank contexts made ahead, so a module's first call need not wait for one
 * @param threads        calls run at once; more wait for a free thread
 */
public record JsLimits(Duration timeout, long statements, long memoryBytes, int outputChars, int idleContexts,
        int spareContexts, int threads) {

    public static JsLimits defaults() {
        return new JsLimits(Duration.ofSeconds(5), 10_000_000, 256L * 1024 * 1024, 256 * 1024, 256, 2,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public JsLimits {
        if (timeout.isNegative() || timeout.isZero() || statements < 1 || memoryBytes < 1 || outputChars < 1
                || idleContexts < 0 || spareContexts < 1 || threads < 1) {
            throw new IllegalArgumentException("JavaScript limits must be positive: " + this);
        }
    }
}
