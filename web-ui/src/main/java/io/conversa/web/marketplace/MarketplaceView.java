package io.conversa.web.marketplace;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.module.MarketplaceModule;
import io.conversa.core.module.ModuleExecution;
import io.conversa.core.module.ModuleService;
import io.conversa.core.security.Caller;
import io.conversa.web.components.CsvColumns;
import io.conversa.web.components.EmptyState;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The catalogue of modules (search, installed ones) and the tenant's execution log. */
@Route("marketplace")
@RolesAllowed({"OWNER", "ADMIN", "BUILDER"})
public class MarketplaceView extends VerticalLayout implements HasDynamicTitle {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ModuleService modules;
    private final Caller caller;
    private final TextField search = new TextField();
    private final Div catalogue = new Div();
    private final Div installed = new Div();
    private final Grid<ModuleExecution> executions = new Grid<>();

    public MarketplaceView(AuthenticationContext authentication, ModuleService modules) {
        this.modules = modules;
        this.caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        setSizeFull();

        search.setId("module-search");
        search.setPlaceholder(getTranslation("marketplace.search"));
        search.setAriaLabel(getTranslation("marketplace.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(change -> refresh());
        search.setWidth("20em");
        Button upload = new Button(getTranslation("marketplace.upload"), VaadinIcon.UPLOAD.create(),
                click -> new UploadDialog(modules, caller, module -> {
                    refresh();
                    getUI().ifPresent(ui -> ui.navigate(ModuleView.class, module.id()));
                }).open());
        upload.setId("upload-module");
        upload.setEnabled(ModuleView.mayChange(caller));
        HorizontalLayout toolbar = new HorizontalLayout(search, upload);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        for (Div cards : List.of(catalogue, installed)) {
            cards.getStyle().set("display", "grid").set("gap", "var(--lumo-space-m)")
                    .set("grid-template-columns", "repeat(auto-fill, minmax(18em, 1fr))");
            cards.setWidthFull();
        }
        catalogue.setId("catalogue");
        installed.setId("installed");
        TabSheet tabs = new TabSheet();
        tabs.add(getTranslation("marketplace.all"), catalogue);
        tabs.add(getTranslation("marketplace.installed"), installed);
        var log = tabs.add(getTranslation("marketplace.log"), executionLog());
        tabs.addSelectedChangeListener(change -> {
            if (change.getSelectedTab() == log) {
                executions.setItems(modules.executions(caller, null, 200));
            }
        });
        tabs.setSizeFull();

        add(new H2(getTranslation("marketplace.title")), new Paragraph(getTranslation("marketplace.intro")), toolbar, tabs);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("marketplace.page-title");
    }

    private void refresh() {
        List<MarketplaceModule> found = modules.list(caller, search.getValue());
        fill(catalogue, found, getTranslation("marketplace.no-match", search.getValue()));
        fill(installed, found.stream().filter(m -> m.installation() != null || ModuleView.isBuiltIn(m)).toList(),
                getTranslation("marketplace.none-installed"));
    }

    private void fill(Div cards, List<MarketplaceModule> shown, String emptyText) {
        cards.removeAll();
        if (shown.isEmpty()) {
            cards.add(new EmptyState(VaadinIcon.PUZZLE_PIECE, emptyText, getTranslation("marketplace.empty.text")));
        }
        shown.forEach(module -> cards.add(card(module)));
    }

    private Card card(MarketplaceModule module) {
        Card card = new Card();
        card.setTitle(String.valueOf(module.latest().get("name")));
        card.setSubtitle(new Span(module.id() + " · " + module.latest().get("version")
                + (module.latest().get("author") == null ? "" : " · " + module.latest().get("author"))));
        card.add(new Paragraph(String.valueOf(module.latest().getOrDefault("description", ""))));
        card.setHeaderSuffix(ModuleView.statusBadge(module));
        Button open = new Button(getTranslation("flows.open"), click -> getUI().ifPresent(ui -> ui.navigate(ModuleView.class, module.id())));
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        open.setAriaLabel(getTranslation("flows.open.label", module.latest().get("name")));
        card.addToFooter(open);
        card.setId("module-" + module.id());
        card.setWidthFull();
        return card;
    }

    /** The latest runs of modules, with their logs and outcome, also as CSV. */
    private VerticalLayout executionLog() {
        Grid<ModuleExecution> grid = executions;
        grid.setId("execution-log");
        CsvColumns<ModuleExecution> columns = new CsvColumns<>();
        columns.add(grid, getTranslation("marketplace.log.started"), e -> WHEN.format(e.startedAt())).setAutoWidth(true);
        columns.add(grid, getTranslation("marketplace.log.module"), e -> e.moduleId() + " " + e.version()).setAutoWidth(true);
        columns.add(grid, getTranslation("marketplace.log.duration"), e -> e.durationMs() + " ms").setAutoWidth(true);
        grid.addComponentColumn(e -> ModuleView.outcomeBadge(e.outcome())).setHeader(getTranslation("marketplace.log.outcome")).setAutoWidth(true);
        columns.exported(getTranslation("marketplace.log.outcome"),
                e -> getTranslation(e.outcome() == ModuleExecution.Outcome.SUCCEEDED ? "module.succeeded" : "module.failed"));
        columns.exported(getTranslation("marketplace.log.lines"), e -> String.join("\n", e.logs()));
        columns.add(grid, getTranslation("marketplace.log.error"), e -> e.error() == null ? "" : e.error()).setFlexGrow(1);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(e -> {
            Div lines = new Div();
            lines.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)").set("white-space", "pre-wrap");
            lines.setText(e.logs().isEmpty() ? getTranslation("marketplace.log.nothing") : String.join("\n", e.logs()));
            return lines;
        }));
        grid.setSizeFull();
        VerticalLayout log = new VerticalLayout(columns.download("execution-log-csv", "module-runs", () -> modules.executions(caller, null, 200).stream()), grid);
        log.setPadding(false);
        log.setSizeFull();
        return log;
    }
}
