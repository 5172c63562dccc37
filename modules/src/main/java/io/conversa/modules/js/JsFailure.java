package io.conversa.modules.js;

/** A sandboxed call that did not return a result; {@link #getMessage()} is written for the module's author. */
public final class JsFailure extends RuntimeException {

    /** Why a call failed. */
    public enum Reason {
        /** The source does not parse, or defines no {@code execute} function. */
        INVALID_SOURCE,
        /** The script threw, or used something the sandbox does not offer. */
        SCRIPT_ERROR,
        TIME_LIMIT,
        STATEMENT_LIMIT,
        MEMORY_LIMIT,
        OUTPUT_LIMIT
    }

    private final Reason reason;

    JsFailure(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
