package io.conversa.modules.builtin;

import io.conversa.sdk.ActionModule;
import io.conversa.sdk.Capability;
import io.conversa.sdk.ContactProfile;
import io.conversa.sdk.ModuleContext;
import io.conversa.sdk.ModuleException;
import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags the contact and sets its attributes (for segments, later flows and agents). The output is
 * the contact's tags and attributes after the change.
 */
public final class ContactModule implements ActionModule {

    private static final ModuleManifest MANIFEST = new ModuleManifest("conversa.contact", "Contact tags and attributes",
            "1.0.0", "Add or remove the contact's tags and set its attributes.", "Conversa", "tag", Json.object("""
                    {"type": "object",
                     "properties": {
                       "addTags": {"type": "array", "items": {"type": "string", "maxLength": 64}, "title": "Add tags"},
                       "removeTags": {"type": "array", "items": {"type": "string"}, "title": "Remove tags"},
                       "setAttributes": {"type": "object", "additionalProperties": {"type": ["string", "null"]},
                         "title": "Set attributes", "description": "Name -> value; an empty value removes the attribute"}
                     }}"""),
            List.of(), Json.object("""
                    {"type": "object", "properties": {"tags": {"type": "array"}, "attributes": {"type": "object"}}}"""),
            List.of(new Capability.Contact()));

    @Override
    public ModuleManifest manifest() {
        return MANIFEST;
    }

    @Override
    public ModuleResult execute(ModuleContext context, Map<String, Object> input) {
        ContactProfile contact = context.contact().orElseThrow(() -> new ModuleException("The contact was not granted."));
        strings(input.get("addTags")).forEach(contact::addTag);
        strings(input.get("removeTags")).forEach(contact::removeTag);
        if (input.get("setAttributes") instanceof Map<?, ?> attributes) {
            attributes.forEach((name, value) -> contact.setAttribute(String.valueOf(name),
                    value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value)));
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("tags", List.copyOf(contact.tags()));
        output.put("attributes", contact.attributes());
        return ModuleResult.success(output);
    }

    /** A list of tags, or one comma-separated string (what a template renders). */
    private static List<String> strings(Object value) {
        Collection<?> items = value instanceof Collection<?> list ? list
                : value instanceof String text ? Arrays.asList(text.split(",")) : List.of();
        return items.stream().filter(item -> item != null).map(item -> String.valueOf(item).strip())
                .filter(item -> !item.isEmpty()).toList();
    }
}
