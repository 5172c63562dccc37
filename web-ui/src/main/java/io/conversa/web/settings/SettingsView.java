package io.conversa.web.settings;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.apikey.ApiKeyService;
import io.conversa.core.audit.AuditService;
import io.conversa.core.businesshours.BusinessHoursService;
import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.conversation.TestConversations;
import io.conversa.core.security.Caller;
import io.conversa.core.user.InvitationService;
import io.conversa.core.user.UserService;
import io.conversa.core.webhook.WebhookSubscriptionService;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where owners and admins run the business on Conversa: its WhatsApp numbers, its team, API keys and the audit log. */
@Route("settings")
@RolesAllowed({"OWNER", "ADMIN"})
public class SettingsView extends VerticalLayout implements HasDynamicTitle {

    public SettingsView(AuthenticationContext authentication, ChannelService channels, BusinessHoursService businessHours,
            TestConversations testConversations, UserService users, InvitationService invitations, ApiKeyService apiKeys, WebhookSubscriptionService webhooks, AuditService audit, @Value("${conversa.public-url:}") String publicUrl) {
        Caller caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        setSizeFull();
        TabSheet tabs = new TabSheet();
        tabs.setSizeFull();
        String baseUrl = baseUrl(publicUrl);
        tabs.add(getTranslation("settings.numbers"), new NumbersTab(caller, channels, businessHours, testConversations, baseUrl)).setId("tab-numbers");
        tabs.add(getTranslation("settings.team"), new TeamTab(caller, users, invitations, baseUrl)).setId("tab-team");
        tabs.add(getTranslation("settings.api-keys"), new ApiKeysTab(caller, apiKeys)).setId("tab-api-keys");
        tabs.add(getTranslation("settings.webhooks"), new WebhooksTab(caller, webhooks)).setId("tab-webhooks");
        tabs.add(getTranslation("settings.audit"), new AuditTab(caller, audit, users)).setId("tab-audit");
        add(new H2(getTranslation("settings.title")), tabs);
    }

    /** Where Meta reaches this Conversa: the configured public URL, else the address the browser used. */
    private static String baseUrl(String publicUrl) {
        if (!publicUrl.isBlank()) {
            return publicUrl.replaceAll("/$", "");
        }
        return VaadinRequest.getCurrent() instanceof VaadinServletRequest request
                ? ServletUriComponentsBuilder.fromContextPath(request.getHttpServletRequest()).toUriString() : "";
    }

    @Override
    public String getPageTitle() {
        return getTranslation("settings.page-title");
    }
}
