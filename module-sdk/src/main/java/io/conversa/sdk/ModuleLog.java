package io.conversa.sdk;

/** Lines the tenant sees in the module's execution log. */
public interface ModuleLog {

    void info(String message);

    void warn(String message);
}
