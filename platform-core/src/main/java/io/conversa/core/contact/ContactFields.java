package io.conversa.core.contact;

import io.conversa.core.web.Problems.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The limits of a contact's fields, the same as modules have ({@code EditableContact}): every
 * error found, each with the path of its field, so a request or a CSV row is refused with all of them.
 */
final class ContactFields {

    static final int MAX_TAGS = 50;
    static final int MAX_ATTRIBUTES = 100;
    private static final int MAX_KEY = 64;
    private static final int MAX_VALUE = 1000;
    private static final int MAX_CONTACT_NAME = 256;
    /** E.164 without spaces; the leading + is optional and not kept (WhatsApp ids are digits). */
    private static final Pattern PHONE = Pattern.compile("\\+?([1-9][0-9]{5,14})");

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    /** The phone number as WhatsApp writes it (digits only), or null with an error. */
    String phone(String field, String phone) {
        var matcher = PHONE.matcher(phone == null ? "" : phone.strip());
        if (matcher.matches()) {
            return matcher.group(1);
        }
        errors.add(FieldError.of(field, "contact.phone"));
        return null;
    }

    ContactFields name(String field, String name) {
        if (name != null && name.length() > MAX_CONTACT_NAME) {
            errors.add(FieldError.of(field, "text.too-long", MAX_CONTACT_NAME));
        }
        return this;
    }

    ContactFields tags(String field, List<String> tags) {
        if (tags == null) {
            return this;
        }
        if (tags.size() > MAX_TAGS) {
            errors.add(FieldError.of(field, "contact.too-many-tags", MAX_TAGS));
        }
        for (int i = 0; i < tags.size(); i++) {
            text(field + "[" + i + "]", tags.get(i), MAX_KEY);
        }
        return this;
    }

    /** @param removable whether a null value is allowed (it removes the attribute) */
    ContactFields attributes(String field, Map<String, String> attributes, boolean removable) {
        if (attributes == null) {
            return this;
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            errors.add(FieldError.of(field, "contact.too-many-attributes", MAX_ATTRIBUTES));
        }
        attributes.forEach((name, value) -> {
            if (text(field, name, MAX_KEY) && !(removable && value == null)) {
                text(field + "." + name, value, MAX_VALUE);
            }
        });
        return this;
    }

    private boolean text(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            errors.add(FieldError.of(field, "text.blank"));
            return false;
        }
        if (text.length() > max) {
            errors.add(FieldError.of(field, "text.too-long", max));
            return false;
        }
        return true;
    }
}
