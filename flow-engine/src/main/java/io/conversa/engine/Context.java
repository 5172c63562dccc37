package io.conversa.engine;

import java.util.Map;

/** What a step knows of the conversation beyond its state: the contact and the channel. */
public record Context(Map<String, Object> contact, Map<String, Object> channel) {

    public Context {
        contact = contact == null ? Map.of() : contact;
        channel = channel == null ? Map.of() : channel;
    }
}
