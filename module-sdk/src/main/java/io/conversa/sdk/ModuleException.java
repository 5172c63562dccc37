package io.conversa.sdk;

/** A capability refused or failed; thrown into the module, which may catch it or fail the call. */
public class ModuleException extends RuntimeException {

    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
