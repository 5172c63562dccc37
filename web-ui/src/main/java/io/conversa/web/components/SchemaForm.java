package io.conversa.web.components;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.HasValueAndElement;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.I18NProvider;
import io.conversa.web.i18n.Texts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A form rendered from a module's config JSON Schema: one field per property, its kind from the
 * property's type ({@code string} with {@code enum}, {@code format: textarea|javascript}, {@code integer},
 * {@code number}, {@code boolean}, arrays of strings, objects of strings, or anything, which takes JSON or
 * a {@code {{template}}}). Titles label the fields, descriptions help, required ones are marked.
 */
public class SchemaForm extends FormLayout {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Field> fields = new LinkedHashMap<>();

    public SchemaForm(Map<String, Object> schema) {
        setResponsiveSteps(new ResponsiveStep("0", 1));
        List<?> required = schema.get("required") instanceof List<?> list ? list : List.of();
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, property) -> {
                Field field = field(String.valueOf(name), property instanceof Map<?, ?> map ? map : Map.of(),
                        required.contains(name));
                fields.put(String.valueOf(name), field);
                add(field.component());
            });
        }
    }

    /** The values entered, by property; empty fields are left out. */
    public Map<String, Object> getValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        fields.forEach((name, field) -> {
            Object entered = field.read();
            if (entered != null) {
                value.put(name, entered);
            }
        });
        return value;
    }

    /** Fills the fields from a config (values the form cannot show as they are stay as JSON or text). */
    public void setValue(Map<String, Object> value) {
        fields.forEach((name, field) -> field.write(value.get(name)));
    }

    /** Runs when the person changes any field. */
    public void addChangeListener(Runnable listener) {
        fields.values().forEach(field -> {
            if (field.component() instanceof HasValue<?, ?> input) {
                input.addValueChangeListener(change -> {
                    if (change.isFromClient()) {
                        listener.run();
                    }
                });
            }
        });
    }

    private record Field(Component component, java.util.function.Supplier<Object> reader,
            java.util.function.Consumer<Object> writer) {
        Object read() {
            return reader.get();
        }

        void write(Object value) {
            writer.accept(value);
        }
    }

    private static Field field(String name, Map<?, ?> property, boolean required) {
        String label = property.get("title") instanceof String title ? title : name;
        String help = property.get("description") instanceof String description ? description : null;
        Object type = property.get("type");
        Field field;
        if (property.get("enum") instanceof List<?> options) {
            Select<String> select = new Select<>();
            select.setItems(options.stream().map(String::valueOf).toList());
            if (property.get("default") != null) {
                select.setValue(String.valueOf(property.get("default")));
            }
            field = new Field(select, select::getValue, v -> select.setValue(v == null ? null : String.valueOf(v)));
        } else if ("integer".equals(type)) {
            IntegerField number = new IntegerField();
            if (property.get("minimum") instanceof Number min) {
                number.setMin(min.intValue());
            }
            if (property.get("maximum") instanceof Number max) {
                number.setMax(max.intValue());
            }
            number.setStepButtonsVisible(true);
            if (property.get("default") instanceof Number byDefault) {
                number.setValue(byDefault.intValue());
            }
            field = new Field(number, number::getValue, v -> number.setValue(v instanceof Number n ? n.intValue() : null));
        } else if ("number".equals(type)) {
            NumberField number = new NumberField();
            field = new Field(number, number::getValue, v -> number.setValue(v instanceof Number n ? n.doubleValue() : null));
        } else if ("boolean".equals(type)) {
            Checkbox checkbox = new Checkbox(label);
            checkbox.setValue(Boolean.TRUE.equals(property.get("default")));
            field = new Field(checkbox, checkbox::getValue, v -> checkbox.setValue(Boolean.TRUE.equals(v)));
        } else if ("array".equals(type)) {
            TextField list = new TextField();
            list.setPlaceholder(I18NProvider.translate("schemaForm.list"));
            field = new Field(list, () -> list.isEmpty() ? null
                    : Arrays.stream(list.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                    v -> list.setValue(v instanceof List<?> items ? String.join(", ", items.stream().map(String::valueOf).toList())
                            : v == null ? "" : String.valueOf(v)));
        } else if ("object".equals(type)) {
            TextArea pairs = new TextArea();
            pairs.setPlaceholder(I18NProvider.translate("schemaForm.object"));
            field = new Field(pairs, () -> pairs.isEmpty() ? null : pairs(pairs.getValue()),
                    v -> pairs.setValue(v instanceof Map<?, ?> map ? map.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue()).collect(java.util.stream.Collectors.joining("\n")) : ""));
        } else if ("string".equals(type)) {
            Object format = property.get("format");
            AbstractField<?, String> text = "textarea".equals(format) || "javascript".equals(format) ? new TextArea() : new TextField();
            if ("javascript".equals(format)) {
                text.getElement().getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
            }
            field = new Field(text, () -> text.isEmpty() ? null : text.getValue(),
                    v -> text.setValue(v == null ? "" : String.valueOf(v)));
        } else {
            TextArea any = new TextArea();
            any.setPlaceholder(I18NProvider.translate("schemaForm.any", Texts.variablePlaceholder(I18NProvider::translate)));
            field = new Field(any, () -> any.isEmpty() ? null : jsonOrText(any.getValue()),
                    v -> any.setValue(v == null ? "" : v instanceof String text ? text : JSON.writeValueAsString(v)));
        }
        Component component = field.component();
        component.setId("config-" + name);
        if (component instanceof HasLabel labelled && !(component instanceof Checkbox)) {
            labelled.setLabel(label);
        }
        if (component instanceof HasHelper helped && help != null) {
            helped.setHelperText(help);
        }
        if (component instanceof HasValueAndElement<?, ?> input) {
            input.setRequiredIndicatorVisible(required);
        }
        return field;
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                pairs.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return pairs;
    }

    private static Object jsonOrText(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JacksonException e) {
            return text;
        }
    }
}
