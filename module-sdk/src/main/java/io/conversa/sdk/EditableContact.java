package io.conversa.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ContactProfile} held in memory: the host loads one before a call and saves it after, if
 * {@link #changed()}; the test kit gives one to the module under test. Tags and attribute names are
 * at most 64 characters, attribute values at most 1,000.
 */
public final class EditableContact implements ContactProfile {

    private static final int MAX_NAME = 64;
    private static final int MAX_VALUE = 1000;

    private final String waId;
    private final String name;
    private final Set<String> tags;
    private final Map<String, String> attributes;
    private boolean changed;

    public EditableContact(String waId, String name, Set<String> tags, Map<String, String> attributes) {
        this.waId = Objects.requireNonNull(waId, "waId");
        this.name = name;
        this.tags = new LinkedHashSet<>(tags == null ? Set.of() : tags);
        this.attributes = new LinkedHashMap<>(attributes == null ? Map.of() : attributes);
    }

    @Override
    public String waId() {
        return waId;
    }

    @Override
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public Set<String> tags() {
        return Collections.unmodifiableSet(tags);
    }

    @Override
    public void addTag(String tag) {
        changed |= tags.add(checked("tag", tag, MAX_NAME));
    }

    @Override
    public void removeTag(String tag) {
        changed |= tags.remove(tag);
    }

    @Override
    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    @Override
    public void setAttribute(String name, String value) {
        checked("attribute name", name, MAX_NAME);
        String before = value == null ? attributes.remove(name)
                : attributes.put(name, checked("value of attribute " + name, value, MAX_VALUE));
        changed |= !Objects.equals(before, value);
    }

    /** Whether a tag or attribute was added, changed or removed. */
    public boolean changed() {
        return changed;
    }

    private static String checked(String what, String text, int max) {
        if (text == null || text.isBlank()) {
            throw new ModuleException("A " + what + " must not be blank.");
        }
        if (text.length() > max) {
            throw new ModuleException("A " + what + " is at most " + max + " characters: " + text.substring(0, 20) + "...");
        }
        return text;
    }
}
