package io.conversa.core.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where people and Meta reach Conversa: {@code conversa.public-url}, else the address of the current request. */
@Component
public class PublicUrl {

    private final String configured;

    PublicUrl(@Value("${conversa.public-url:}") String configured) {
        this.configured = configured.replaceAll("/$", "");
    }

    /** Without a trailing slash; call it while serving a request when no public URL is configured. */
    public String base() {
        return configured.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : configured;
    }
}
