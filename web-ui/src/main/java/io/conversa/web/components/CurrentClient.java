package io.conversa.web.components;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import io.conversa.core.audit.ClientInfo;

/** Where the UI request being handled came from, for the audit log. */
public final class CurrentClient {

    private CurrentClient() {
    }

    public static ClientInfo info() {
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            return ClientInfo.of(request.getHttpServletRequest());
        }
        return new ClientInfo(null, null);
    }
}
