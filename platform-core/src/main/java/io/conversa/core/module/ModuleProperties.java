package io.conversa.core.module;

import io.conversa.modules.builtin.EmailSettings;
import io.conversa.modules.js.JsLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param directory        the operator's modules: Java jars, and JavaScript modules as {@code name.js} with
 *                         {@code name.json} (the manifest) published to every tenant; none when unset
 * @param callTimeout      how long one module call may take
 * @param workers          module calls of conversations run at once
 * @param pollInterval     how often idle runners look for calls they were not told of (other nodes' calls,
 *                         calls whose runner died); a step on this node wakes them at once
 * @param privateNetworks  let modules that may reach any host ({@code *}) reach private and loopback addresses
 * @param maxResponseSize  largest HTTP answer a module may read
 * @param maxSourceSize    largest JavaScript module a tenant may upload
 * @param executionLogRetention how long the execution log keeps an execution
 * @param js               limits of one JavaScript call
 * @param email            the SMTP server of the email module (no host: the module answers that email is not set up)
 */
@ConfigurationProperties("conversa.modules")
public record ModuleProperties(
        Path directory,
        @DefaultValue("30s") Duration callTimeout,
        @DefaultValue("16") int workers,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("false") boolean privateNetworks,
        @DefaultValue("1MB") DataSize maxResponseSize,
        @DefaultValue("256KB") DataSize maxSourceSize,
        @DefaultValue("30d") Duration executionLogRetention,
        @DefaultValue Js js,
        @DefaultValue Email email) {

    /** See {@link EmailSettings}. */
    public record Email(String host, @DefaultValue("587") int port, String username, String password, String from,
            @DefaultValue("true") boolean startTls, @DefaultValue("10s") Duration timeout) {

        public EmailSettings settings() {
            return new EmailSettings(host, port, username, password, from, startTls, timeout);
        }
    }

    /** See {@link JsLimits}. */
    public record Js(
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("10000000") long statements,
            @DefaultValue("256MB") DataSize memory,
            @DefaultValue("262144") int outputChars,
            @DefaultValue("256") int idleContexts,
            @DefaultValue("2") int spareContexts,
            @DefaultValue("0") int threads) {

        JsLimits limits() {
            return new JsLimits(timeout, statements, memory.toBytes(), outputChars, idleContexts, spareContexts,
                    threads > 0 ? threads : Math.max(2, Runtime.getRuntime().availableProcessors()));
        }
    }
}
