package io.conversa.web.inbox;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.conversa.web.components.AreaView;
import jakarta.annotation.security.PermitAll;

@Route("inbox")
@PageTitle("Inbox · Conversa")
@PermitAll
public class InboxView extends AreaView {

    public InboxView() {
        super("Inbox", VaadinIcon.CHAT, "No conversations waiting",
                "Conversations that a flow hands over to a person appear here for your agents to answer.");
    }
}
