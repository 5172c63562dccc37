package io.conversa.core.audit;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request came from, for the audit log and per-IP limits. */
public record ClientInfo(String ip, String userAgent) {

    /** Conversa itself, acting on no request. */
    public static final ClientInfo SYSTEM = new ClientInfo(null, "conversa");

    public static ClientInfo of(HttpServletRequest request) {
        return new ClientInfo(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }
}
