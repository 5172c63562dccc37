package io.conversa.web.flows;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.analytics.AnalyticsService;
import io.conversa.core.conversation.TestConversations;
import io.conversa.core.flow.FlowDetail;
import io.conversa.core.flow.FlowJson;
import io.conversa.core.flow.FlowService;
import io.conversa.core.flow.FlowVersion;
import io.conversa.core.module.MarketplaceModule;
import io.conversa.core.module.ModuleService;
import io.conversa.core.security.Caller;
import io.conversa.core.template.TemplateService;
import io.conversa.core.tenant.Role;
import io.conversa.engine.validation.ValidationError;
import io.conversa.web.components.CsvColumns;
import io.conversa.web.components.ErrorMessages;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;

/**
 * The flow builder: a palette of node types, the canvas, and beside it the selected node's
 * properties, the problems that stand before publishing, and the published versions. Every edit is
 * saved at once (autosave); if someone else saved meanwhile, the editor says so and offers their version.
 */
@Route("flows")
@RolesAllowed({"OWNER", "ADMIN", "BUILDER"})
public class FlowEditorView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final List<Duration> ANALYTICS_PERIODS = List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30),
            Duration.ofDays(90));
    static final List<String> BUILT_IN_VARIABLES = List.of("contact.name", "contact.phone", "message.text", "message.id",
            "business.open");

    private final FlowService flows;
    private final ModuleService modules;
    private final TemplateService templates;
    private final TestConversations tests;
    private final FlowJson flowJson;
    private final Caller caller;
    private final boolean builds;

    private final FlowCanvas canvas = new FlowCanvas();
    private final TextField name = new TextField();
    private final Span saveState = new Span();
    private final Span status = new Span();
    private final Button undo = new Button(VaadinIcon.ARROW_BACKWARD.create());
    private final Button redo = new Button(VaadinIcon.ARROW_FORWARD.create());
    private final Button publish = new Button(getTranslation("editor.publish"), VaadinIcon.CHECK.create());
    private final Div properties = new Div();
    private final TextField keywords = new TextField(getTranslation("editor.keywords"));
    private final Checkbox defaultFlow = new Checkbox(getTranslation("editor.defaultFlow"));
    private final Grid<ValidationError> problemList = new Grid<>();
    private final Grid<FlowVersion> versionList = new Grid<>();
    private final Tab problemsTab = new Tab(getTranslation("editor.problems"));
    private final TabSheet side = new TabSheet();

    private UUID flowId;
    private int revision;
    private FlowDraft draft;
    private List<ValidationError> problems = List.of();
    private Set<String> selected = new LinkedHashSet<>();
    private int fit;
    /** The step the test chat is on, highlighted on the canvas. */
    private String active;
    private SimulatorPanel simulator;
    private final AnalyticsService analytics;

    public FlowEditorView(AuthenticationContext authentication, FlowService flows, ModuleService modules,
            TestConversations tests, FlowJson flowJson, TemplateService templates, AnalyticsService analytics) {
        this.analytics = analytics;
        this.templates = templates;
        this.flows = flows;
        this.modules = modules;
        this.tests = tests;
        this.flowJson = flowJson;
        this.caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        this.builds = caller.role() != Role.AGENT;
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        getStyle().set("overflow", "hidden");
    }

    @Override
    public void setParameter(BeforeEvent event, String id) {
        FlowDetail detail;
        try {
            detail = flows.get(caller, UUID.fromString(id));
        } catch (IllegalArgumentException | ErrorResponseException notFound) {
            add(new RouterLink(getTranslation("editor.back"), FlowsView.class), new Paragraph(getTranslation("editor.noSuchFlow")));
            return;
        }
        flowId = detail.flow().id();
        draft = new FlowDraft(flowJson, detail.draft());
        layout();
        loaded(detail);
        versionList.setItems(flows.versions(caller, flowId));
        fit++;
        showGraph();
        showProperties();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("editor.pageTitle", draft == null ? getTranslation("editor.flow") : draft.name());
    }

    private void layout() {
        name.setId("flow-name");
        name.setAriaLabel(getTranslation("editor.name"));
        name.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        name.addValueChangeListener(change -> {
            if (change.isFromClient() && !change.getValue().isBlank()) {
                edit(() -> draft.rename(change.getValue().strip()));
            }
        });
        undo.setAriaLabel(getTranslation("editor.undo"));
        undo.setId("undo");
        undo.addClickListener(click -> edit(draft::undo));
        redo.setAriaLabel(getTranslation("editor.redo"));
        redo.setId("redo");
        redo.addClickListener(click -> edit(draft::redo));
        publish.setId("publish");
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        publish.addClickListener(click -> publish());
        saveState.setId("save-state");
        status.setId("flow-status");
        HorizontalLayout toolbar = new HorizontalLayout(new RouterLink(getTranslation("editor.back"), FlowsView.class), name, status, saveState,
                undo, redo, publish);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.setWidthFull();
        toolbar.expand(saveState);
        toolbar.setPadding(true);

        VerticalLayout palette = new VerticalLayout();
        palette.setId("palette");
        palette.setWidth("9em");
        palette.setPadding(true);
        palette.setSpacing(false);
        palette.getStyle().set("overflow", "auto").set("gap", "var(--lumo-space-xs)");
        palette.add(new Span(getTranslation("editor.addStep")));
        FlowDraft.NEW_NODE_DATA.keySet().forEach(type -> palette.add(paletteItem(type)));

        canvas.setId("canvas");
        canvas.getElement().getStyle().set("flex", "1").set("min-width", "0").set("height", "100%")
                .set("border", "1px solid var(--lumo-contrast-10pct)");
        canvas.onSelect(this::selected);
        canvas.onMove(moved -> edit(() -> moved.forEach(m -> draft.move(m.id(), m.x(), m.y()))));
        canvas.onConnect(c -> edit(() -> draft.connect(c.source(), c.sourceHandle(), c.target())));
        canvas.onDelete(d -> edit(() -> draft.delete(d.nodes(), d.edges())));
        canvas.onAdd(a -> add(a.type(), a.x(), a.y()));
        canvas.onPaste(ids -> edit(() -> selected = new LinkedHashSet<>(draft.paste(ids))));
        canvas.onUndo(() -> edit(draft::undo));
        canvas.onRedo(() -> edit(draft::redo));

        properties.setId("properties");
        properties.setWidthFull();
        problemList.setId("problems");
        problemList.addColumn(p -> p.nodeId() == null ? getTranslation("editor.problem.flow") : p.nodeId()).setHeader(getTranslation("editor.problem.node")).setAutoWidth(true);
        problemList.addColumn(p -> (p.field() == null ? "" : p.field() + ": ") + p.message(getLocale())).setHeader(getTranslation("editor.problem"));
        problemList.addItemClickListener(click -> {
            if (click.getItem().nodeId() != null) {
                select(click.getItem().nodeId());
            }
        });
        versionList.setId("versions");
        CsvColumns<FlowVersion> versionColumns = new CsvColumns<>();
        versionColumns.add(versionList, getTranslation("editor.version"), v -> "v" + v.version()).setAutoWidth(true);
        versionColumns.add(versionList, getTranslation("editor.published"), v -> WHEN.format(v.publishedAt())).setAutoWidth(true);
        versionList.addComponentColumn(v -> {
            Button view = new Button(getTranslation("editor.view"), click -> viewVersion(v.version()));
            view.setId("view-version-" + v.version());
            Button restore = new Button(getTranslation("editor.restore"), click -> restore(v.version()));
            restore.setEnabled(builds);
            for (Button button : new Button[] {view, restore}) {
                button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            }
            return new HorizontalLayout(view, restore);
        });
        keywords.setId("flow-keywords");
        keywords.setHelperText(getTranslation("editor.keywords.help"));
        keywords.setWidthFull();
        keywords.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        keywords.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                edit(() -> draft.setTriggers(List.of(change.getValue().split(",")), defaultFlow.getValue()));
            }
        });
        defaultFlow.setId("flow-default");
        defaultFlow.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                edit(() -> draft.setTriggers(List.of(keywords.getValue().split(",")), change.getValue()));
            }
        });
        VerticalLayout settings = new VerticalLayout(keywords, defaultFlow);
        settings.setEnabled(builds);
        side.add(new Tab(getTranslation("editor.tab.properties")), properties);
        side.add(new Tab(getTranslation("editor.tab.flow")), settings);
        side.add(problemsTab, problemList);
        VerticalLayout versions = new VerticalLayout(versionColumns.download("versions-csv", "flow-versions",
                () -> flows.versions(caller, flowId).stream()), versionList);
        versions.setPadding(false);
        side.add(new Tab(getTranslation("editor.tab.versions")), versions);
        Tab testTab = new Tab(getTranslation("editor.tab.test"));
        testTab.setId("test-tab");
        simulator = new SimulatorPanel(tests, caller, flowId, node -> {
            if (!Objects.equals(node, active)) {
                active = node;
                showGraph();
            }
        });
        side.add(testTab, simulator);
        side.addSelectedChangeListener(change -> {
            boolean testing = change.getSelectedTab() == testTab;
            getUI().ifPresent(ui -> ui.setPollInterval(testing ? 700 : -1));
            if (testing && !simulator.started()) {
                simulator.start();
            }
            if (!testing && active != null) {
                active = null;
                showGraph();
            }
        });
        addAttachListener(attach -> attach.getUI().addPollListener(poll -> {
            if (side.getSelectedTab() == testTab) {
                simulator.refresh();
            }
        }));
        addDetachListener(detach -> detach.getUI().setPollInterval(-1));
        testTab.setVisible(builds && tests.available());
        side.setWidth("24em");
        side.setHeightFull();

        HorizontalLayout body = new HorizontalLayout(palette, canvas, side);
        body.setSizeFull();
        body.getStyle().set("min-height", "0");
        body.setSpacing(false);
        add(toolbar, body);
        setFlexGrow(1, body);
        palette.setEnabled(builds);
        publish.setVisible(builds);
    }

    private Button paletteItem(String type) {
        Button item = new Button(NodePreview.typeName(this::getTranslation, type), click -> {
            double y = draft.document().path("nodes").valueStream()
                    .mapToDouble(n -> n.path("position").path("y").asDouble()).max().orElse(-140) + 140;
            add(type, 0, y);
        });
        item.setId("palette-" + type);
        item.setWidthFull();
        item.addThemeVariants(ButtonVariant.LUMO_CONTRAST, ButtonVariant.LUMO_SMALL);
        item.getElement().setAttribute("draggable", "true");
        item.getElement().executeJs("this.addEventListener('dragstart', e => e.dataTransfer.setData('application/conversa-node', $0))", type);
        item.setTooltipText(getTranslation("editor.palette.help"));
        return item;
    }

    private void add(String type, double x, double y) {
        fit++;
        edit(() -> selected = new LinkedHashSet<>(List.of(draft.add(type, x, y, this::getTranslation))));
    }

    /** Applies an edit to the draft and saves it; a refused save undoes the edit. */
    private void edit(Runnable change) {
        editFrom(change, true);
    }

    /**
     * @param refreshForm whether the properties form is shown anew; not for an edit made in the form
     *                    itself, so the person keeps their place in it
     */
    private void editFrom(Runnable change, boolean refreshForm) {
        if (!builds) {
            showGraph();
            return;
        }
        change.run();
        save();
        if (refreshForm) {
            showProperties();
        }
    }

    private void save() {
        saveState.setText(getTranslation("editor.saving"));
        try {
            FlowDetail detail = flows.update(caller, flowId, draft.document(), revision);
            loaded(detail);
        } catch (ErrorResponseException problem) {
            if (problem.getStatusCode().value() == HttpStatus.PRECONDITION_FAILED.value()) {
                conflict();
            } else {
                draft.undo();
                ErrorMessages.show(problem);
                saveState.setText(getTranslation("editor.notSaved"));
            }
        }
        showGraph();
    }

    private void loaded(FlowDetail detail) {
        revision = detail.flow().draftRevision();
        problems = detail.problems();
        draft.reset(detail.draft());
        name.setValue(draft.name());
        keywords.setValue(String.join(", ", draft.keywords()));
        defaultFlow.setValue(draft.isDefaultFlow());
        status.setText(detail.flow().publishedVersion() == null ? getTranslation("editor.status.draft")
                : getTranslation("editor.status.published", String.valueOf(detail.flow().publishedVersion()), String.valueOf(revision)));
        saveState.setText(getTranslation("editor.saved"));
        problemList.setItems(problems);
        problemsTab.setLabel(problems.isEmpty() ? getTranslation("editor.problems")
                : getTranslation("editor.problems.count", problems.size()));
        publish.setEnabled(problems.isEmpty() && !draft.document().path("nodes").isEmpty());
        publish.setTooltipText(getTranslation(problems.isEmpty() ? "editor.publish.help" : "editor.publish.fixFirst"));
        undo.setEnabled(draft.canUndo());
        redo.setEnabled(draft.canRedo());
        selected.removeIf(id -> !draft.has(id));
    }

    private void conflict() {
        saveState.setText(getTranslation("editor.conflict.state"));
        ConfirmDialog dialog = new ConfirmDialog(getTranslation("editor.conflict.title"),
                getTranslation("editor.conflict.text"), getTranslation("editor.conflict.load"), confirmed -> reload());
        dialog.setId("conflict-dialog");
        dialog.open();
    }

    private void reload() {
        FlowDetail detail = flows.get(caller, flowId);
        draft = new FlowDraft(flowJson, detail.draft());
        loaded(detail);
        showGraph();
        showProperties();
    }

    private void publish() {
        try {
            FlowVersion version = flows.publish(caller, flowId);
            Notification.show(getTranslation("editor.published.notice", version.version()));
            loaded(flows.get(caller, flowId));
            versionList.setItems(flows.versions(caller, flowId));
        } catch (ErrorResponseException problem) {
            ErrorMessages.show(problem);
        }
    }

    /**
     * Shows a published version on a canvas of its own, read-only, with how customers passed it
     * in a chosen period: on each node the sessions that entered, stopped there or answered
     * invalidly, on each edge the sessions that followed it.
     */
    private void viewVersion(int version) {
        FlowDraft published = new FlowDraft(flowJson, flows.version(caller, flowId, version));
        FlowCanvas.Graph graph = published.graph(this::getTranslation, getLocale(), List.of(), Set.of(), null, 1);
        FlowCanvas readOnly = new FlowCanvas();
        readOnly.setId("version-canvas");
        readOnly.getElement().getStyle().set("display", "block").set("width", "70vw").set("height", "60vh");
        Select<Duration> period = new Select<>();
        period.setId("analytics-period");
        period.setLabel(getTranslation("analytics.period"));
        period.setItems(ANALYTICS_PERIODS);
        period.setItemLabelGenerator(length -> getTranslation("analytics.period." + length.toDays()));
        period.addValueChangeListener(change -> {
            // Whole hours: the counts are kept per hour.
            OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(1);
            readOnly.setGraph(FlowStatsOverlay.apply(graph,
                    analytics.flow(caller, flowId, version, to.minus(change.getValue()), to), this::getTranslation));
        });
        period.setValue(ANALYTICS_PERIODS.get(2));
        Dialog dialog = new Dialog(period, readOnly);
        dialog.setHeaderTitle(getTranslation("editor.version.title", published.name(), version));
        Button restore = new Button(getTranslation("editor.restore.asDraft"), click -> {
            dialog.close();
            restore(version);
        });
        restore.setEnabled(builds);
        dialog.getFooter().add(new Button(getTranslation("flows.close"), click -> dialog.close()), restore);
        dialog.open();
    }

    private void restore(int version) {
        ConfirmDialog dialog = new ConfirmDialog(getTranslation("editor.restore.title", version),
                getTranslation("editor.restore.text", version), getTranslation("editor.restore"), confirmed -> {
                    loaded(flows.restore(caller, flowId, version));
                    fit++;
                    showGraph();
                    showProperties();
                });
        dialog.setCancelable(true);
        dialog.open();
    }

    private void selected(List<String> ids) {
        Set<String> now = new LinkedHashSet<>(ids);
        if (!now.equals(selected)) {
            selected = now;
            if (now.size() == 1) {
                side.setSelectedIndex(0);
            }
            showProperties();
        }
    }

    private void select(String nodeId) {
        selected = new LinkedHashSet<>(List.of(nodeId));
        side.setSelectedIndex(0);
        showProperties();
        showGraph();
    }

    private void showGraph() {
        canvas.setGraph(draft.graph(this::getTranslation, getLocale(), problems, selected, active, fit));
    }

    private void showProperties() {
        properties.removeAll();
        if (selected.size() != 1) {
            properties.add(new Paragraph(selected.isEmpty() ? getTranslation("editor.selectHelp")
                    : getTranslation("editor.selected", selected.size())));
            return;
        }
        String nodeId = selected.iterator().next();
        if (!draft.has(nodeId)) {
            return;
        }
        List<MarketplaceModule> available = "action".equals(draft.type(nodeId)) ? modules.list(caller, null) : List.of();
        List<String> nodeIds = draft.document().path("nodes").valueStream().map(n -> n.path("id").asString()).toList();
        NodeProperties form = new NodeProperties(nodeId, draft.type(nodeId), draft.data(nodeId), variables(), nodeIds, available,
                () -> templates.approved(caller),
                nodeId.equals(draft.start()), () -> edit(() -> draft.setStart(nodeId)),
                data -> editFrom(() -> draft.setData(nodeId, data), false),
                data -> edit(() -> draft.setData(nodeId, data)));
        form.setEnabled(builds);
        properties.add(form);
    }

    /** Variables a template can use here: the built-in ones and those the flow's steps set. */
    private List<String> variables() {
        List<String> names = new ArrayList<>(BUILT_IN_VARIABLES);
        draft.document().path("nodes").valueStream().forEach(node -> {
            JsonNode data = node.path("data");
            for (String field : List.of("variable", "outputVariable")) {
                if (!data.path(field).asString("").isBlank()) {
                    names.add(data.path(field).asString());
                }
            }
            data.path("assignments").valueStream().map(a -> a.path("variable").asString("")).filter(v -> !v.isBlank())
                    .forEach(names::add);
        });
        return names.stream().distinct().toList();
    }
}
