package io.conversa.web.components;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** An area of the app that is still empty: its title and an empty state saying what will live here. */
public abstract class AreaView extends VerticalLayout {

    protected AreaView(String title, VaadinIcon icon, String emptyTitle, String emptyText) {
        setSizeFull();
        add(new H2(title), new EmptyState(icon, emptyTitle, emptyText));
    }
}
