package io.conversa.web.settings;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.conversa.web.components.AreaView;
import jakarta.annotation.security.RolesAllowed;

@Route("settings")
@PageTitle("Settings · Conversa")
@RolesAllowed({"OWNER", "ADMIN"})
public class SettingsView extends AreaView {

    public SettingsView() {
        super("Settings", VaadinIcon.COG, "Nothing to set up here yet",
                "WhatsApp numbers, team members and API keys will be managed here. Until then, use the REST API at /swagger-ui.html.");
    }
}
