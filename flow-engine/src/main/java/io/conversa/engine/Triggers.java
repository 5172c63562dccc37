package io.conversa.engine;

import java.util.List;

/**
 * What starts the flow for a customer without a running conversation: one of its keywords
 * (matched case-insensitively against the whole message), or any message if it is the
 * channel's default flow.
 */
public record Triggers(List<String> keywords, Boolean defaultFlow) {

    static final Triggers NONE = new Triggers(List.of(), false);

    public Triggers {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        defaultFlow = Boolean.TRUE.equals(defaultFlow);
    }

    public boolean matches(String text) {
        return text != null && keywords.stream().anyMatch(k -> k.strip().equalsIgnoreCase(text.strip()));
    }
}
