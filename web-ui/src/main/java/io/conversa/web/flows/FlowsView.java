package io.conversa.web.flows;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.conversa.web.components.AreaView;
import jakarta.annotation.security.PermitAll;

@Route("flows")
@PageTitle("Flows · Conversa")
@PermitAll
public class FlowsView extends AreaView {

    public FlowsView() {
        super("Flows", VaadinIcon.SITEMAP, "No flows yet",
                "Draw chatbot flows from messages, questions, conditions and actions, test them and publish them to your WhatsApp numbers.");
    }
}
