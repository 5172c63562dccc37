package io.conversa.modules.builtin;

import java.time.Duration;

/**
 * The SMTP server the email module sends through, set by the operator for every tenant.
 *
 * @param host     none: the module answers that email is not set up
 * @param from     the sender address every email carries
 * @param startTls require STARTTLS before authenticating
 */
public record EmailSettings(String host, int port, String username, String password, String from, boolean startTls,
        Duration timeout) {

    public boolean configured() {
        return host != null && !host.isBlank() && from != null && !from.isBlank();
    }
}
