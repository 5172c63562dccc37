package io.conversa.web.flows;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.conversa.core.module.MarketplaceModule;
import io.conversa.core.template.MessageTemplate;
import io.conversa.web.components.SchemaForm;
import io.conversa.web.components.WhatsAppFormatting;
import io.conversa.web.i18n.Texts;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form for the selected node: the usual fields of its type (the message text with a WhatsApp
 * formatting preview and variables to insert, the question's variable and validation, the action's
 * module and its config form from the module's JSON Schema, the delay), and its whole data as JSON
 * for everything else. Each change goes to {@code changed} with the node's new data; a change of the
 * form's shape (another kind of message, settings applied as JSON) to {@code replaced}, which shows it anew.
 */
@JsModule("./variable-autocomplete.ts")
class NodeProperties extends VerticalLayout {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> MEDIA = List.of("image", "video", "audio", "document", "sticker");
    static final List<String> MESSAGE_KINDS = List.of("text", "buttons", "list", "image", "video", "audio", "document",
            "sticker", "location", "template");
    static final List<String> VALIDATIONS = List.of("", "text", "number", "email", "phone", "date", "regex", "choice");

    private final ObjectNode data;
    private final Consumer<ObjectNode> changed;
    private final Consumer<ObjectNode> replaced;
    private final Supplier<List<MessageTemplate>> templates;

    /** @param templates the tenant's approved message templates, asked for when a message is a template */
    NodeProperties(String nodeId, String type, ObjectNode data, List<String> variables, List<String> nodeIds,
            List<MarketplaceModule> modules, Supplier<List<MessageTemplate>> templates,
            boolean start, Runnable makeStart, Consumer<ObjectNode> changed, Consumer<ObjectNode> replaced) {
        this.templates = templates;
        this.data = data;
        this.changed = changed;
        this.replaced = replaced;
        setPadding(false);
        setId("node-properties");
        add(new H3(NodePreview.typeName(this::getTranslation, type)), new Span(getTranslation(start ? "node.header.start" : "node.header", nodeId)));
        if (!start) {
            Button startHere = new Button(getTranslation("node.startHere"), click -> makeStart.run());
            startHere.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            add(startHere);
        }
        switch (type) {
            case "message" -> message((ObjectNode) data.path("message"), variables);
            case "question" -> question(variables);
            case "condition" -> add(new ConditionEditor(data, () -> changed.accept(data)));
            case "action" -> action(modules);
            case "delay" -> {
                IntegerField seconds = new IntegerField(getTranslation("node.delay.seconds"));
                seconds.setId("prop-seconds");
                seconds.setMin(1);
                seconds.setValue(data.path("seconds").asInt(60));
                seconds.addValueChangeListener(change -> {
                    if (change.getValue() != null) {
                        data.put("seconds", change.getValue());
                        changed.accept(data);
                    }
                });
                add(seconds);
            }
            case "handoff" -> add(messageText(getTranslation("node.handoff.message"), data, "message", variables));
            case "set_variable" -> add(assignments());
            case "jump" -> jump(nodeIds);
            default -> add(new Paragraph(getTranslation("node.jsonOnly")));
        }
        add(jsonEditor());
    }

    private void message(ObjectNode message, List<String> variables) {
        Select<String> kind = new Select<>();
        kind.setLabel(getTranslation("node.message.kind"));
        kind.setId("prop-message-type");
        kind.setItems(MESSAGE_KINDS);
        kind.setItemLabelGenerator(k -> getTranslation("node.message.kind." + k));
        String type = message.path("type").asString("text");
        if (!MESSAGE_KINDS.contains(type)) {
            add(new Paragraph(getTranslation("node.message.jsonOnly", type)));
            return;
        }
        kind.setValue(type);
        kind.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                ObjectNode converted = JSON.createObjectNode().put("type", change.getValue())
                        .put("body", message.path("body").asString(""));
                if ("list".equals(change.getValue())) {
                    converted.put("button", getTranslation("node.default.listButton"));
                    converted.putArray("sections").addObject().put("title", getTranslation("node.default.section")).putArray("rows")
                            .addObject().put("id", "row1").put("title", getTranslation("node.default.row"));
                } else if ("buttons".equals(change.getValue())) {
                    converted.putArray("buttons").addObject().put("id", "option1").put("title", getTranslation("node.default.button"));
                } else if ("template".equals(change.getValue())) {
                    converted.remove("body");
                } else if ("location".equals(change.getValue())) {
                    converted.remove("body");
                    converted.put("latitude", 52.520008).put("longitude", 13.404954).put("name", getTranslation("node.default.place"));
                } else if (MEDIA.contains(change.getValue())) {
                    converted.remove("body");
                    converted.put("link", "https://example.com/file");
                }
                data.set("message", converted);
                replaced.accept(data);
            }
        });
        add(kind);
        if (MEDIA.contains(type)) {
            add(bound(getTranslation("node.media.link", Texts.variablePlaceholder(this::getTranslation)), message, "link"),
                    bound(getTranslation("node.media.id"), message, "id"));
            if (!type.equals("audio") && !type.equals("sticker")) {
                add(messageText(getTranslation("node.media.caption"), message, "caption", variables));
            }
            if (type.equals("document")) {
                add(bound(getTranslation("node.media.filename"), message, "filename"));
            }
            return;
        }
        if (type.equals("template")) {
            template(message, variables);
            return;
        }
        if (type.equals("location")) {
            for (String coordinate : List.of("latitude", "longitude")) {
                NumberField number = new NumberField(getTranslation("node.location." + coordinate));
                number.setId("prop-" + coordinate);
                number.setValue(message.path(coordinate).isNumber() ? message.path(coordinate).asDouble() : null);
                number.addValueChangeListener(change -> {
                    if (change.getValue() != null) {
                        message.put(coordinate, change.getValue());
                        changed.accept(data);
                    }
                });
                add(number);
            }
            add(bound(getTranslation("node.location.name"), message, "name"),
                    bound(getTranslation("node.location.address"), message, "address"));
            return;
        }
        add(messageText(getTranslation(type.equals("text") ? "node.message.text" : "node.message.textAbove"), message, "body", variables));
        if (type.equals("buttons")) {
            add(InteractiveEditor.buttons(message, () -> changed.accept(data)));
        } else if (type.equals("list")) {
            add(InteractiveEditor.list(message, () -> changed.accept(data)));
        }
    }

    /**
     * A template picked from the tenant's approved ones, with a field per body placeholder
     * ({@code {{1}}}, ...) whose value may use the flow's variables.
     */
    private void template(ObjectNode message, List<String> variables) {
        ComboBox<MessageTemplate> choice = new ComboBox<>(getTranslation("node.template"));
        choice.setId("prop-template");
        choice.setWidthFull();
        choice.setItemLabelGenerator(t -> t.name() + " (" + t.language() + ")");
        List<MessageTemplate> approved = templates.get();
        choice.setItems(approved);
        approved.stream().filter(t -> t.name().equals(message.path("name").asString(""))
                && t.language().equals(message.path("language").asString(""))).findFirst().ifPresent(choice::setValue);
        choice.setHelperText(approved.isEmpty() ? getTranslation("node.template.none") : null);
        add(choice);
        if (choice.getValue() != null) {
            add(new Paragraph(choice.getValue().bodyText()));
            ObjectNode body = (ObjectNode) message.path("components").path(0);
            for (int i = 0; i < choice.getValue().bodyParameters().size(); i++) {
                Component field = messageText("{{" + choice.getValue().bodyParameters().get(i) + "}}",
                        (ObjectNode) body.path("parameters").path(i), "text", variables);
                field.setId("prop-parameter-" + i);
                add(field);
            }
        }
        choice.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null) {
                ObjectNode converted = JSON.createObjectNode().put("type", "template").put("name", change.getValue().name())
                        .put("language", change.getValue().language());
                var parameters = converted.putArray("components").addObject().put("type", "body").putArray("parameters");
                change.getValue().bodyParameters().forEach(p -> parameters.addObject().put("type", "text").put("text", ""));
                data.set("message", converted);
                replaced.accept(data);
            }
        });
    }

    private Component messageText(String label, ObjectNode holder, String field, List<String> variables) {
        TextArea text = new TextArea(label);
        text.setId("prop-" + field);
        text.setWidthFull();
        text.setValue(holder.path(field).asString(""));
        text.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        text.setMaxLength(4096);
        text.setHelperText(getTranslation("node.text.help", "{{"));
        text.getElement().executeJs("window.conversaVariableAutocomplete(this, JSON.parse($0))", JSON.writeValueAsString(variables));
        Div preview = new Div();
        preview.addClassName("whatsapp-preview");
        preview.getStyle().set("background", "#dcf8c6").set("border-radius", "8px").set("padding", "6px 10px")
                .set("white-space", "pre-wrap").set("max-width", "100%");
        preview.getElement().setProperty("innerHTML", WhatsAppFormatting.toHtml(text.getValue()));
        text.addValueChangeListener(change -> {
            holder.put(field, change.getValue());
            preview.getElement().setProperty("innerHTML", WhatsAppFormatting.toHtml(change.getValue()));
            changed.accept(data);
        });
        Select<String> insert = new Select<>();
        insert.setLabel(getTranslation("node.text.insertVariable"));
        insert.setItems(variables);
        insert.setId("insert-variable");
        insert.addValueChangeListener(change -> {
            if (change.getValue() != null) {
                text.setValue(text.getValue() + "{{" + change.getValue() + "}}");
                insert.clear();
            }
        });
        return new VerticalLayout(text, insert, new Span(getTranslation("node.text.preview")), preview);
    }

    private void question(List<String> variables) {
        ObjectNode prompt = data.has("prompt") ? (ObjectNode) data.get("prompt") : data.putObject("prompt").put("type", "text");
        add(messageText(getTranslation("node.question"), prompt, "body", variables));
        TextField variable = new TextField(getTranslation("node.question.variable"));
        variable.setId("prop-variable");
        variable.setValue(data.path("variable").asString(""));
        variable.setPattern("[A-Za-z_][A-Za-z0-9_]*");
        variable.setHelperText(getTranslation("node.variable.help"));
        variable.addValueChangeListener(change -> {
            data.put("variable", change.getValue());
            changed.accept(data);
        });
        Select<String> kind = new Select<>();
        kind.setLabel(getTranslation("node.validation"));
        kind.setId("prop-validation");
        kind.setItems(VALIDATIONS);
        kind.setItemLabelGenerator(k -> getTranslation("node.validation." + (k.isEmpty() ? "any" : k)));
        kind.setValue(data.path("validation").path("kind").asString(""));
        VerticalLayout rules = new VerticalLayout();
        rules.setPadding(false);
        Runnable showRules = () -> {
            rules.removeAll();
            if (data.get("validation") instanceof ObjectNode validation) {
                rules.add(validationRules(validation));
            }
        };
        kind.addValueChangeListener(change -> {
            if (change.getValue() == null || change.getValue().isEmpty()) {
                data.remove("validation");
            } else {
                (data.has("validation") ? (ObjectNode) data.get("validation") : data.putObject("validation"))
                        .put("kind", change.getValue());
            }
            changed.accept(data);
            showRules.run();
        });
        showRules.run();
        TextField retry = new TextField(getTranslation("node.question.retry"));
        retry.setId("prop-retry");
        retry.setValue(data.path("retryMessage").asString(""));
        retry.addValueChangeListener(change -> {
            data.put("retryMessage", change.getValue());
            changed.accept(data);
        });
        add(variable, kind, rules, retry);
    }

    /** The fields of a validation kind: bounds for text and numbers, the pattern, the choices. */
    private Component validationRules(ObjectNode validation) {
        VerticalLayout fields = new VerticalLayout();
        fields.setPadding(false);
        String kind = validation.path("kind").asString("");
        if (kind.equals("text") || kind.equals("number")) {
            for (String bound : List.of("min", "max")) {
                TextField field = new TextField(getTranslation("node.validation." + bound + (kind.equals("text") ? ".characters" : "")));
                field.setId("prop-validation-" + bound);
                field.setValue(validation.has(bound) ? validation.get(bound).asString() : "");
                field.setAllowedCharPattern("[0-9.,-]");
                field.addValueChangeListener(change -> {
                    String value = change.getValue().strip().replace(',', '.');
                    if (value.isEmpty()) {
                        validation.remove(bound);
                    } else {
                        try {
                            validation.put(bound, new java.math.BigDecimal(value));
                        } catch (NumberFormatException notANumber) {
                            field.setInvalid(true);
                            field.setErrorMessage(getTranslation("node.validation.notANumber"));
                            return;
                        }
                    }
                    field.setInvalid(false);
                    changed.accept(data);
                });
                fields.add(field);
            }
        } else if (kind.equals("regex")) {
            TextField pattern = new TextField(getTranslation("node.validation.pattern"));
            pattern.setId("prop-validation-pattern");
            pattern.setValue(validation.path("pattern").asString(""));
            pattern.addValueChangeListener(change -> {
                validation.put("pattern", change.getValue());
                changed.accept(data);
            });
            fields.add(pattern);
        } else if (kind.equals("choice")) {
            TextField choices = new TextField(getTranslation("node.validation.choices"));
            choices.setId("prop-validation-choices");
            choices.setValue(String.join(", ", validation.path("choices").valueStream().map(JsonNode::asString).toList()));
            choices.addValueChangeListener(change -> {
                var list = validation.putArray("choices");
                java.util.Arrays.stream(change.getValue().split(",")).map(String::strip).filter(c -> !c.isEmpty())
                        .forEach(list::add);
                changed.accept(data);
            });
            fields.add(choices);
        }
        return fields;
    }

    private void action(List<MarketplaceModule> modules) {
        ComboBox<MarketplaceModule> module = new ComboBox<>(getTranslation("node.action.module"));
        module.setId("prop-module");
        module.setItems(modules);
        module.setItemLabelGenerator(m -> m.latest().get("name") + " (" + m.id() + ")");
        module.setWidthFull();
        Select<String> version = new Select<>();
        version.setLabel(getTranslation("node.action.version"));
        version.setId("prop-module-version");
        TextField output = new TextField(getTranslation("node.action.output"));
        output.setId("prop-output");
        output.setValue(data.path("outputVariable").asString(""));
        Div config = new Div();
        config.setWidthFull();
        Runnable showConfig = () -> {
            config.removeAll();
            MarketplaceModule chosen = module.getValue();
            if (chosen == null || version.getValue() == null) {
                return;
            }
            Map<String, Object> manifest = chosen.versions().stream().filter(v -> v.version().equals(version.getValue()))
                    .findFirst().map(MarketplaceModule.Version::manifest).orElse(chosen.latest());
            @SuppressWarnings("unchecked")
            SchemaForm form = new SchemaForm(manifest.get("configSchema") instanceof Map<?, ?> schema
                    ? (Map<String, Object>) schema : Map.of());
            form.setValue(JSON.convertValue(data.path("config"), new TypeReference<Map<String, Object>>() {
            }));
            form.addChangeListener(() -> {
                data.set("config", JSON.valueToTree(form.getValue()));
                changed.accept(data);
            });
            config.add(form);
        };
        modules.stream().filter(m -> m.id().equals(data.path("moduleId").asString())).findFirst().ifPresent(current -> {
            module.setValue(current);
            version.setItems(current.versions().reversed().stream().map(MarketplaceModule.Version::version).toList());
            version.setValue(data.path("moduleVersion").asString(null));
        });
        module.addValueChangeListener(change -> {
            MarketplaceModule chosen = change.getValue();
            if (chosen == null) {
                return;
            }
            version.setItems(chosen.versions().reversed().stream().map(MarketplaceModule.Version::version).toList());
            String pinned = chosen.installation() != null ? chosen.installation().version() : String.valueOf(chosen.latest().get("version"));
            version.setValue(pinned);
            data.put("moduleId", chosen.id());
            data.put("moduleVersion", pinned);
            data.putObject("config");
            changed.accept(data);
            showConfig.run();
        });
        version.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                data.put("moduleVersion", change.getValue());
                changed.accept(data);
                showConfig.run();
            }
        });
        output.addValueChangeListener(change -> {
            data.put("outputVariable", change.getValue());
            changed.accept(data);
        });
        showConfig.run();
        add(module, version, output, new Span(getTranslation("node.action.config", Texts.variablePlaceholder(this::getTranslation))), config);
    }

    /** A text field bound to {@code holder.field}; empty removes the field. */
    private TextField bound(String label, ObjectNode holder, String field) {
        TextField text = new TextField(label);
        text.setId("prop-" + field);
        text.setWidthFull();
        text.setValue(holder.path(field).asString(""));
        text.addValueChangeListener(change -> {
            if (change.getValue().isBlank()) {
                holder.remove(field);
            } else {
                holder.put(field, change.getValue());
            }
            changed.accept(data);
        });
        return text;
    }

    private Component assignments() {
        VerticalLayout editor = new VerticalLayout();
        editor.setPadding(false);
        editor.setId("assignments-editor");
        ArrayNode rows = data.has("assignments")
                ? (ArrayNode) data.get("assignments") : data.putArray("assignments");
        Runnable[] render = new Runnable[1];
        render[0] = () -> {
            editor.removeAll();
            for (int i = 0; i < rows.size(); i++) {
                ObjectNode row = (ObjectNode) rows.get(i);
                int index = i;
                TextField variable = new TextField(getTranslation("node.assignment.variable"));
                variable.setId("assignment-" + i + "-variable");
                variable.setValue(row.path("variable").asString(""));
                variable.setPattern("[A-Za-z_][A-Za-z0-9_]*");
                variable.setWidth("8em");
                variable.addValueChangeListener(change -> {
                    row.put("variable", change.getValue());
                    changed.accept(data);
                });
                TextField value = new TextField(getTranslation("node.assignment.value"));
                value.setId("assignment-" + i + "-value");
                value.setValue(row.path("value").asString(""));
                value.setWidth("10em");
                value.addValueChangeListener(change -> {
                    row.put("value", change.getValue());
                    changed.accept(data);
                });
                Button remove = new Button(VaadinIcon.TRASH.create(), click -> {
                    rows.remove(index);
                    changed.accept(data);
                    render[0].run();
                });
                remove.setAriaLabel(getTranslation("node.assignment.remove"));
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                HorizontalLayout line = new HorizontalLayout(variable, value, remove);
                line.setAlignItems(FlexComponent.Alignment.BASELINE);
                editor.add(line);
            }
            Button add = new Button(getTranslation("node.assignment.add"), click -> {
                rows.addObject().put("variable", "name" + (rows.size() + 1)).put("value", "");
                changed.accept(data);
                render[0].run();
            });
            add.setId("add-assignment");
            add.addThemeVariants(ButtonVariant.LUMO_SMALL);
            editor.add(add);
        };
        render[0].run();
        return editor;
    }

    private void jump(List<String> nodeIds) {
        ComboBox<String> target = new ComboBox<>(getTranslation("node.jump.target"));
        target.setId("prop-jump-node");
        target.setItems(nodeIds);
        target.setAllowCustomValue(true);
        target.addCustomValueSetListener(custom -> target.setValue(custom.getDetail()));
        target.setValue(data.path("nodeId").asString(""));
        target.setHelperText(getTranslation("node.jump.target.help"));
        target.addValueChangeListener(change -> {
            data.put("nodeId", change.getValue() == null ? "" : change.getValue());
            changed.accept(data);
        });
        add(target, bound(getTranslation("node.jump.flow"), data, "flowId"));
    }

    private Component jsonEditor() {
        TextArea json = new TextArea(getTranslation("node.json"));
        json.setId("prop-json");
        json.setWidthFull();
        json.setValue(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data));
        json.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Span error = new Span();
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        Button apply = new Button(getTranslation("node.json.apply"), click -> {
            try {
                JsonNode parsed = JSON.readTree(json.getValue());
                if (!parsed.isObject()) {
                    error.setText(getTranslation("node.json.notObject"));
                    return;
                }
                error.setText("");
                replaced.accept((ObjectNode) parsed);
            } catch (JacksonException e) {
                error.setText(getTranslation("node.json.invalid", e.getOriginalMessage()));
            }
        });
        apply.setId("prop-json-apply");
        Details details = new Details(getTranslation("node.json.advanced"), new VerticalLayout(json, error, apply));
        details.setWidthFull();
        return details;
    }
}
