package io.conversa.sdk;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The customer of the conversation a call runs in. Tags and attributes are kept with the contact
 * and read in flows as {@code {{contact.tags}}} and {@code {{contact.attributes.plan}}}; changes are
 * saved together with the call's result, so a failed call changes nothing.
 */
public interface ContactProfile {

    /** The customer's WhatsApp id (their phone number in international form, without {@code +}). */
    String waId();

    /** The name from the customer's WhatsApp profile, if they share one. */
    Optional<String> name();

    Set<String> tags();

    void addTag(String tag);

    void removeTag(String tag);

    Map<String, String> attributes();

    /** Sets an attribute; {@code null} removes it. */
    void setAttribute(String name, String value);
}
