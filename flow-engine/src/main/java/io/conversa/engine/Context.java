package io.conversa.engine;

import java.util.Map;

/**
 * What a step knows of the conversation beyond its state: the contact, the channel, and the
 * business behind the number ({@code business.open}: within its business hours now).
 */
public record Context(Map<String, Object> contact, Map<String, Object> channel, Map<String, Object> business) {

    public Context {
        contact = contact == null ? Map.of() : contact;
        channel = channel == null ? Map.of() : channel;
        business = business == null ? Map.of() : business;
    }
}
