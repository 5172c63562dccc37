package io.conversa.web.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.security.Caller;
import io.conversa.core.security.Me;
import io.conversa.core.security.MeService;
import io.conversa.web.dashboard.DashboardView;
import io.conversa.web.flows.FlowsView;
import io.conversa.web.inbox.InboxView;
import io.conversa.web.marketplace.MarketplaceView;
import io.conversa.web.settings.SettingsView;
import jakarta.annotation.security.PermitAll;

/** The app shell around every signed-in view: navigation to each area, who is signed in, sign out. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication, MeService meService) {
        Caller caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        Me me = meService.describe(caller);

        Span title = new Span("Conversa");
        title.addClassName("conversa-title");
        Span who = new Span(me.user().name() + " · " + me.tenant().name());
        who.setId("signed-in-as");
        Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, who, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.getStyle().set("padding-inline-end", "var(--lumo-space-m)");
        addToNavbar(header);

        SideNav navigation = new SideNav();
        navigation.addItem(
                new SideNavItem("Dashboard", DashboardView.class, VaadinIcon.DASHBOARD.create()),
                new SideNavItem("Flows", FlowsView.class, VaadinIcon.SITEMAP.create()),
                new SideNavItem("Inbox", InboxView.class, VaadinIcon.CHAT.create()),
                new SideNavItem("Marketplace", MarketplaceView.class, VaadinIcon.PUZZLE_PIECE.create()),
                new SideNavItem("Settings", SettingsView.class, VaadinIcon.COG.create()));
        addToDrawer(navigation);
        setPrimarySection(Section.DRAWER);
    }
}
