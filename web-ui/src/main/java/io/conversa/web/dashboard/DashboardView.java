package io.conversa.web.dashboard;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.security.Caller;
import io.conversa.core.security.Me;
import io.conversa.core.security.MeService;
import io.conversa.web.components.EmptyState;
import jakarta.annotation.security.PermitAll;

@Route("")
@PageTitle("Dashboard · Conversa")
@PermitAll
public class DashboardView extends VerticalLayout {

    public DashboardView(AuthenticationContext authentication, MeService meService) {
        Me me = meService.describe(authentication.getAuthenticatedUser(Caller.class).orElseThrow());
        H2 welcome = new H2("Welcome, " + me.user().name());
        welcome.setId("welcome");
        add(welcome,
                new Paragraph("You are signed in to " + me.tenant().name() + " as " + me.role() + "."),
                new EmptyState(VaadinIcon.DASHBOARD, "No activity yet",
                        "Conversations, messages and flow analytics will show here once a WhatsApp number is connected."));
    }
}
