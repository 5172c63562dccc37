package io.conversa.web.marketplace;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.conversa.web.components.AreaView;
import jakarta.annotation.security.PermitAll;

@Route("marketplace")
@PageTitle("Marketplace · Conversa")
@PermitAll
public class MarketplaceView extends AreaView {

    public MarketplaceView() {
        super("Marketplace", VaadinIcon.PUZZLE_PIECE, "No modules installed",
                "Modules connect your flows to other systems: HTTP requests, JSON transforms, code, email and more.");
    }
}
