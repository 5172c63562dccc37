package io.conversa.web.layout;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.select.SelectVariant;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.security.Caller;
import io.conversa.core.security.Me;
import io.conversa.core.security.MeService;
import io.conversa.web.dashboard.DashboardView;
import io.conversa.web.flows.FlowsView;
import io.conversa.web.i18n.MemberLanguage;
import io.conversa.web.inbox.InboxView;
import io.conversa.web.marketplace.MarketplaceView;
import io.conversa.web.settings.SettingsView;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The app shell around every signed-in view: navigation to each area, who is signed in, sign out. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    private static final String BROWSER = "browser";

    public MainLayout(AuthenticationContext authentication, MeService meService, AccessAnnotationChecker access,
            MemberLanguage language) {
        Caller caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        Me me = meService.describe(caller);

        Span title = new Span("Conversa");
        title.addClassName("conversa-title");
        Span who = new Span(me.user().name() + " · " + me.tenant().name());
        who.setId("signed-in-as");
        Button signOut = new Button(getTranslation("nav.sign-out"), VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, who, languageChoice(caller, me, language), signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.getStyle().set("padding-inline-end", "var(--lumo-space-m)");
        addToNavbar(header);

        // Each member sees the areas of their role: an agent, the dashboard and the inbox.
        SideNav navigation = new SideNav();
        Map<String, Class<? extends Component>> areas = new LinkedHashMap<>();
        areas.put("dashboard", DashboardView.class);
        areas.put("flows", FlowsView.class);
        areas.put("inbox", InboxView.class);
        areas.put("marketplace", MarketplaceView.class);
        areas.put("settings", SettingsView.class);
        Map<String, VaadinIcon> icons = Map.of("dashboard", VaadinIcon.DASHBOARD, "flows", VaadinIcon.SITEMAP, "inbox", VaadinIcon.CHAT,
                "marketplace", VaadinIcon.PUZZLE_PIECE, "settings", VaadinIcon.COG);
        areas.forEach((area, view) -> {
            if (access.hasAccess(view)) {
                navigation.addItem(new SideNavItem(getTranslation("nav." + area), view, icons.get(area).create()));
            }
        });
        addToDrawer(navigation);
        setPrimarySection(Section.DRAWER);
    }

    /** The console's language for this person: their browser's, or one they choose (kept with their account). */
    private Select<String> languageChoice(Caller caller, Me me, MemberLanguage language) {
        Select<String> choice = new Select<>();
        choice.setId("language");
        choice.setAriaLabel(getTranslation("nav.language"));
        choice.setItems(Stream.concat(Stream.of(BROWSER), MeService.LANGUAGES.stream()).toList());
        choice.setItemLabelGenerator(tag -> getTranslation("language." + tag));
        choice.setValue(me.user() == null || me.user().language() == null ? BROWSER : me.user().language());
        choice.addThemeVariants(SelectVariant.LUMO_SMALL);
        choice.setWidth("13em");
        choice.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                language.choose(caller, BROWSER.equals(change.getValue()) ? null : change.getValue(), UI.getCurrent());
            }
        });
        return choice;
    }
}
