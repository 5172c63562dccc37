package io.conversa.core.contact;

import java.util.List;
import java.util.Map;

/**
 * Changes to a contact; what is absent stays. {@code tags} replaces the tags; {@code attributes}
 * is merged: a name with a value sets it, a name with null removes it.
 */
public record ContactUpdate(String name, List<String> tags, Map<String, String> attributes) {
}
