package io.conversa.web.components;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** What an area shows while it has nothing yet: what it is for, in a sentence. */
public class EmptyState extends Composite<VerticalLayout> {

    public EmptyState(VaadinIcon icon, String title, String text) {
        VerticalLayout layout = getContent();
        layout.setAlignItems(FlexComponent.Alignment.CENTER);
        layout.addClassName("empty-state");
        Icon image = icon.create();
        image.setSize("48px");
        layout.add(image, new H3(title), new Paragraph(text));
    }
}
