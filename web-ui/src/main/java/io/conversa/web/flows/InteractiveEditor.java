package io.conversa.web.flows;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.I18NProvider;
import io.conversa.engine.message.Limits;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Editors of a message's reply buttons and list rows, with WhatsApp's limits shown and enforced as
 * the person types: at most 3 buttons of 20 characters; a list of up to 10 rows (titles of 24,
 * descriptions of 72) behind a button label of 20. Each button and row is a handle on the canvas.
 */
final class InteractiveEditor {

    private InteractiveEditor() {
    }

    static Component buttons(ObjectNode message, Runnable changed) {
        VerticalLayout editor = new VerticalLayout();
        editor.setPadding(false);
        editor.setId("buttons-editor");
        ArrayNode buttons = message.has("buttons") ? (ArrayNode) message.get("buttons") : message.putArray("buttons");
        Runnable[] render = new Runnable[1];
        render[0] = () -> {
            editor.removeAll();
            editor.add(new Span(I18NProvider.translate("interactive.buttons", buttons.size(), Limits.BUTTONS)));
            for (int i = 0; i < buttons.size(); i++) {
                ObjectNode button = (ObjectNode) buttons.get(i);
                int index = i;
                TextField title = limited(I18NProvider.translate("interactive.title"), button, "title", Limits.BUTTON_TITLE, changed);
                title.setId("button-" + i + "-title");
                TextField id = limited(I18NProvider.translate("interactive.id"), button, "id", Limits.REPLY_ID, changed);
                id.setId("button-" + i + "-id");
                editor.add(row(title, id, () -> {
                    buttons.remove(index);
                    changed.run();
                    render[0].run();
                }));
            }
            Button add = new Button(I18NProvider.translate("interactive.addButton"), VaadinIcon.PLUS.create(), click -> {
                buttons.addObject().put("id", "option" + (buttons.size() + 1)).put("title", I18NProvider.translate("interactive.newButton", buttons.size() + 1));
                changed.run();
                render[0].run();
            });
            add.setId("add-button");
            add.setEnabled(buttons.size() < Limits.BUTTONS);
            add.addThemeVariants(ButtonVariant.LUMO_SMALL);
            editor.add(add);
        };
        render[0].run();
        return editor;
    }

    static Component list(ObjectNode message, Runnable changed) {
        VerticalLayout editor = new VerticalLayout();
        editor.setPadding(false);
        editor.setId("list-editor");
        TextField label = limited(I18NProvider.translate("interactive.menuButton"), message, "button", Limits.LIST_BUTTON, changed);
        label.setId("list-button");
        ArrayNode sections = message.has("sections") ? (ArrayNode) message.get("sections") : message.putArray("sections");
        if (sections.isEmpty()) {
            sections.addObject().put("title", "Options").putArray("rows");
        }
        ObjectNode section = (ObjectNode) sections.get(0);
        ArrayNode rows = section.has("rows") ? (ArrayNode) section.get("rows") : section.putArray("rows");
        VerticalLayout rowList = new VerticalLayout();
        rowList.setPadding(false);
        Runnable[] render = new Runnable[1];
        render[0] = () -> {
            rowList.removeAll();
            rowList.add(new Span(I18NProvider.translate("interactive.rows", rows.size(), Limits.LIST_ROWS)));
            for (int i = 0; i < rows.size(); i++) {
                ObjectNode row = (ObjectNode) rows.get(i);
                int index = i;
                TextField title = limited(I18NProvider.translate("interactive.title"), row, "title", Limits.ROW_TITLE, changed);
                title.setId("row-" + i + "-title");
                TextField id = limited(I18NProvider.translate("interactive.id"), row, "id", Limits.ROW_ID, changed);
                id.setId("row-" + i + "-id");
                TextField description = limited(I18NProvider.translate("interactive.description"), row, "description", Limits.ROW_DESCRIPTION, changed);
                rowList.add(row(title, id, () -> {
                    rows.remove(index);
                    changed.run();
                    render[0].run();
                }), description);
            }
            Button add = new Button(I18NProvider.translate("interactive.addRow"), VaadinIcon.PLUS.create(), click -> {
                rows.addObject().put("id", "row" + (rows.size() + 1)).put("title", I18NProvider.translate("interactive.newRow", rows.size() + 1));
                changed.run();
                render[0].run();
            });
            add.setId("add-row");
            add.setEnabled(rows.size() < Limits.LIST_ROWS);
            add.addThemeVariants(ButtonVariant.LUMO_SMALL);
            rowList.add(add);
        };
        render[0].run();
        editor.add(label, limited(I18NProvider.translate("interactive.sectionTitle"), section, "title", Limits.SECTION_TITLE, changed), rowList);
        return editor;
    }

    private static HorizontalLayout row(TextField title, TextField id, Runnable remove) {
        Button delete = new Button(VaadinIcon.TRASH.create(), click -> remove.run());
        delete.setAriaLabel(I18NProvider.translate("interactive.remove", title.getValue()));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        title.setWidth("9em");
        id.setWidth("7em");
        HorizontalLayout row = new HorizontalLayout(title, id, delete);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    /** A text field bound to {@code holder.field}, refusing more than {@code max} characters and counting them. */
    private static TextField limited(String label, ObjectNode holder, String field, int max, Runnable changed) {
        TextField text = new TextField(label);
        text.setMaxLength(max);
        text.setValue(holder.path(field).asString(""));
        text.setHelperText(text.getValue().length() + " / " + max);
        text.addValueChangeListener(change -> {
            holder.put(field, change.getValue());
            text.setHelperText(change.getValue().length() + " / " + max);
            changed.run();
        });
        return text;
    }
}
