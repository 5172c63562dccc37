package io.conversa.web.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

/** A value to paste elsewhere (a webhook URL, a key shown once): read-only, with a copy button. */
final class Clipboard extends HorizontalLayout {

    Clipboard(String id, String label, String value) {
        TextField field = new TextField(label);
        field.setId(id);
        field.setValue(value);
        field.setReadOnly(true);
        field.setWidthFull();
        Button copy = new Button(VaadinIcon.COPY.create(), click -> {
            field.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", value);
            Notification.show(getTranslation("settings.copied"), 2000, Notification.Position.BOTTOM_START);
        });
        copy.setId(id + "-copy");
        copy.setTooltipText(getTranslation("settings.copy"));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(field, copy);
        setWidthFull();
        setAlignItems(FlexComponent.Alignment.BASELINE);
        expand(field);
    }
}
