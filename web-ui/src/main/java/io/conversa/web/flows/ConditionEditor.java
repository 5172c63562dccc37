package io.conversa.web.flows;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.conversa.engine.node.ConditionNode;
import io.conversa.web.i18n.Texts;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The condition's rule builder: rules in order (the first that holds wins, else {@code else}), each
 * a handle of its own, holding when all or any of its comparisons do.
 */
class ConditionEditor extends VerticalLayout {

    static final List<String> OPERATORS = Arrays.stream(ConditionNode.Operator.values())
            .map(operator -> operator.name().toLowerCase(Locale.ROOT)).toList();

    private final ArrayNode rules;
    private final Runnable changed;

    ConditionEditor(ObjectNode data, Runnable changed) {
        this.rules = data.has("rules") ? (ArrayNode) data.get("rules") : data.putArray("rules");
        this.changed = changed;
        setPadding(false);
        setId("condition-editor");
        render();
    }

    private void render() {
        removeAll();
        for (int i = 0; i < rules.size(); i++) {
            add(rule((ObjectNode) rules.get(i), i));
        }
        Button addRule = new Button(getTranslation("condition.addRule"), VaadinIcon.PLUS.create(), click -> {
            ObjectNode rule = rules.addObject().put("id", "rule" + (rules.size())).put("match", "all");
            rule.putArray("comparisons").addObject().put("left", "").put("operator", "equals").put("right", "");
            changed.run();
            render();
        });
        addRule.setId("add-rule");
        addRule.addThemeVariants(ButtonVariant.LUMO_SMALL);
        add(addRule, new com.vaadin.flow.component.html.Span(getTranslation("condition.else")));
    }

    private Div rule(ObjectNode rule, int index) {
        TextField id = new TextField(getTranslation("condition.handle"));
        id.setId("rule-" + index + "-id");
        id.setValue(rule.path("id").asString(""));
        id.setPattern("[A-Za-z0-9_-]+");
        id.addValueChangeListener(change -> {
            rule.put("id", change.getValue());
            changed.run();
        });
        Select<String> match = new Select<>();
        match.setLabel(getTranslation("condition.match"));
        match.setItems("all", "any");
        match.setItemLabelGenerator(m -> getTranslation("condition.match." + m));
        match.setValue(rule.path("match").asString("all"));
        match.addValueChangeListener(change -> {
            rule.put("match", change.getValue());
            changed.run();
        });
        Button remove = new Button(VaadinIcon.TRASH.create(), click -> {
            rules.remove(index);
            changed.run();
            render();
        });
        remove.setAriaLabel(getTranslation("condition.removeRule", rule.path("id").asString()));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        id.setWidth("6em");
        match.setWidth("11em");
        HorizontalLayout head = new HorizontalLayout(id, match, remove);
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        Div box = new Div(head);
        box.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "6px")
                .set("padding", "4px 8px").set("width", "100%").set("box-sizing", "border-box");
        ArrayNode comparisons = rule.has("comparisons") ? (ArrayNode) rule.get("comparisons") : rule.putArray("comparisons");
        for (int c = 0; c < comparisons.size(); c++) {
            box.add(comparison(comparisons, c, "rule-" + index + "-" + c));
        }
        Button addComparison = new Button(getTranslation("condition.addComparison"), click -> {
            comparisons.addObject().put("left", "").put("operator", "equals").put("right", "");
            changed.run();
            render();
        });
        addComparison.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        box.add(addComparison);
        return box;
    }

    private HorizontalLayout comparison(ArrayNode comparisons, int index, String id) {
        ObjectNode comparison = (ObjectNode) comparisons.get(index);
        TextField left = new TextField();
        left.setId(id + "-left");
        left.setPlaceholder(Texts.variablePlaceholder(this::getTranslation));
        left.setAriaLabel(getTranslation("condition.left"));
        left.setValue(comparison.path("left").asString(""));
        Select<String> operator = new Select<>();
        operator.setId(id + "-operator");
        operator.setAriaLabel(getTranslation("condition.operator"));
        operator.setItems(OPERATORS);
        operator.setItemLabelGenerator(o -> getTranslation("condition.operator." + o));
        operator.setValue(comparison.path("operator").asString("equals"));
        TextField right = new TextField();
        right.setId(id + "-right");
        right.setAriaLabel(getTranslation("condition.right"));
        right.setValue(comparison.path("right").asString(""));
        right.setVisible(!operator.getValue().startsWith("is_"));
        left.addValueChangeListener(change -> {
            comparison.put("left", change.getValue());
            changed.run();
        });
        operator.addValueChangeListener(change -> {
            comparison.put("operator", change.getValue());
            right.setVisible(!change.getValue().startsWith("is_"));
            changed.run();
        });
        right.addValueChangeListener(change -> {
            comparison.put("right", change.getValue());
            changed.run();
        });
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> {
            comparisons.remove(index);
            changed.run();
            render();
        });
        remove.setAriaLabel(getTranslation("condition.removeComparison"));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        left.setWidth("6em");
        operator.setWidth("7.5em");
        right.setWidth("5em");
        HorizontalLayout row = new HorizontalLayout(left, operator, right, remove);
        row.setSpacing(false);
        row.getStyle().set("gap", "4px");
        return row;
    }
}
