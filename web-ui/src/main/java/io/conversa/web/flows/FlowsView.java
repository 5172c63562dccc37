package io.conversa.web.flows;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.flow.FlowDetail;
import io.conversa.core.flow.FlowService;
import io.conversa.core.flow.FlowSummary;
import io.conversa.core.flow.FlowTemplates;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.core.user.Member;
import io.conversa.core.user.UserService;
import io.conversa.web.components.Confirm;
import io.conversa.web.components.CsvColumns;
import io.conversa.web.components.EmptyState;
import io.conversa.web.components.ErrorMessages;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The tenant's flows: create, open, rename, duplicate, import, export, delete; their status and last edit. */
@Route("flows")
@RolesAllowed({"OWNER", "ADMIN", "BUILDER"})
public class FlowsView extends VerticalLayout implements HasDynamicTitle {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final FlowService flows;
    private final FlowTemplates templates;
    private final UserService users;
    private final Caller caller;
    private final Grid<FlowSummary> grid = new Grid<>();
    private final EmptyState empty = new EmptyState(VaadinIcon.SITEMAP, getTranslation("flows.empty.title"),
            getTranslation("flows.empty.text"));

    public FlowsView(AuthenticationContext authentication, FlowService flows, UserService users, FlowTemplates templates) {
        this.templates = templates;
        this.flows = flows;
        this.users = users;
        this.caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        setSizeFull();
        boolean builds = caller.role() != Role.AGENT;

        Button create = new Button(getTranslation("flows.new"), VaadinIcon.PLUS.create(),
                click -> askName(getTranslation("flows.new"), "", this::createFlow));
        create.setId("new-flow");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button importing = new Button(getTranslation("flows.import"), VaadinIcon.UPLOAD.create(), click -> importDialog());
        importing.setId("import-flow");
        create.setEnabled(builds);
        importing.setEnabled(builds);
        Button fromTemplate = new Button(getTranslation("flows.templates"), VaadinIcon.TABLE.create(), click -> templateGallery());
        fromTemplate.setId("flow-templates");
        fromTemplate.setEnabled(builds);

        grid.setId("flows");
        CsvColumns<FlowSummary> columns = new CsvColumns<>();
        columns.add(grid, getTranslation("flows.name"), FlowSummary::name).setFlexGrow(2).setSortable(true);
        grid.addComponentColumn(this::status).setHeader(getTranslation("flows.status")).setAutoWidth(true);
        columns.exported(getTranslation("flows.status"), this::statusText);
        columns.add(grid, getTranslation("flows.last-edited"), f -> WHEN.format(f.updatedAt())).setAutoWidth(true).setSortable(true);
        Map<UUID, String> names = memberNames();
        columns.add(grid, getTranslation("flows.by"), f -> names.getOrDefault(f.updatedBy(), "")).setAutoWidth(true);
        grid.addComponentColumn(f -> actions(f, builds)).setHeader("").setAutoWidth(true);
        grid.addItemDoubleClickListener(click -> navigate(click.getItem().id()));
        grid.setSizeFull();

        add(new H2(getTranslation("flows.title")), new HorizontalLayout(create, fromTemplate, importing,
                columns.download("flows-csv", "flows", () -> flows.list(caller).stream())), grid, empty);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("flows.page-title");
    }

    private void createFlow(String name) {
        ObjectNode document = JSON.createObjectNode().put("name", name).put("start", "");
        document.putArray("nodes");
        document.putArray("edges");
        open(flows.create(caller, document));
    }

    private void refresh() {
        var all = flows.list(caller);
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
    }

    private Span status(FlowSummary flow) {
        Span badge = new Span(statusText(flow));
        badge.getElement().getThemeList().add(flow.publishedVersion() == null ? "badge contrast" : "badge success");
        return badge;
    }

    private String statusText(FlowSummary flow) {
        return flow.publishedVersion() == null ? getTranslation("flows.draft") : getTranslation("flows.published", flow.publishedVersion());
    }

    private HorizontalLayout actions(FlowSummary flow, boolean builds) {
        Button open = new Button(getTranslation("flows.open"), click -> navigate(flow.id()));
        open.setAriaLabel(getTranslation("flows.open.label", flow.name()));
        Button rename = new Button(VaadinIcon.EDIT.create(), click -> askName(getTranslation("flows.rename"), flow.name(), name -> {
            FlowDetail detail = flows.get(caller, flow.id());
            flows.update(caller, flow.id(), ((ObjectNode) detail.draft()).put("name", name), detail.flow().draftRevision());
            refresh();
        }));
        rename.setAriaLabel(getTranslation("flows.rename.label", flow.name()));
        Button duplicate = new Button(VaadinIcon.COPY.create(), click -> {
            ObjectNode copy = (ObjectNode) flows.get(caller, flow.id()).draft();
            copy.put("name", getTranslation("flows.copy-name", flow.name()));
            if (copy.get("triggers") instanceof ObjectNode triggers) {
                triggers.remove("keywords");
                triggers.put("defaultFlow", false);
            }
            flows.create(caller, copy);
            refresh();
        });
        duplicate.setAriaLabel(getTranslation("flows.duplicate.label", flow.name()));
        Button export = new Button(VaadinIcon.DOWNLOAD.create(), click -> exportDialog(flow));
        export.setAriaLabel(getTranslation("flows.export.label", flow.name()));
        Button delete = new Button(VaadinIcon.TRASH.create(), click -> Confirm.destructive(
                getTranslation("flows.delete.title", flow.name()), getTranslation("flows.delete.text"), getTranslation("flows.delete"),
                () -> {
                    flows.delete(caller, flow.id());
                    refresh();
                }));
        delete.setAriaLabel(getTranslation("flows.delete.label", flow.name()));
        for (Button button : new Button[] {open, rename, duplicate, export, delete}) {
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        }
        rename.setEnabled(builds);
        duplicate.setEnabled(builds);
        delete.setEnabled(builds);
        return new HorizontalLayout(open, rename, duplicate, export, delete);
    }

    private void askName(String title, String current, Consumer<String> named) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        TextField name = new TextField(getTranslation("flows.name"));
        name.setId("flow-name-input");
        name.setValue(current);
        name.setRequired(true);
        name.setWidth("24em");
        Button save = new Button(getTranslation("settings.save"), click -> {
            if (name.getValue().isBlank()) {
                name.setInvalid(true);
                name.setErrorMessage(getTranslation("flows.name.required"));
                return;
            }
            dialog.close();
            named.accept(name.getValue().strip());
        });
        save.setId("flow-name-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        dialog.add(name);
        dialog.getFooter().add(new Button(getTranslation("settings.cancel"), click -> dialog.close()), save);
        dialog.open();
        name.focus();
    }

    private void importDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("flows.import.title"));
        TextArea document = new TextArea(getTranslation("flows.json"));
        document.setId("import-json");
        document.setWidth("40em");
        document.setMinHeight("16em");
        Paragraph error = new Paragraph();
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        Button save = new Button(getTranslation("flows.import"), click -> {
            try {
                JsonNode parsed = JSON.readTree(document.getValue());
                dialog.close();
                open(flows.create(caller, parsed));
            } catch (JacksonException e) {
                error.setText(getTranslation("flows.import.not-json", e.getOriginalMessage()));
            } catch (ErrorResponseException problem) {
                error.setText(ErrorMessages.of(problem));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Paragraph(getTranslation("flows.import.help")), document, error);
        dialog.getFooter().add(new Button(getTranslation("settings.cancel"), click -> dialog.close()), save);
        dialog.open();
    }

    private void exportDialog(FlowSummary flow) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("flows.export.label", flow.name()));
        TextArea document = new TextArea(getTranslation("flows.export.help", flow.id()));
        document.setValue(JSON.writeValueAsString(flows.get(caller, flow.id()).draft()));
        document.setReadOnly(true);
        document.setWidth("40em");
        document.setMaxHeight("60vh");
        dialog.add(document);
        dialog.getFooter().add(new Button(getTranslation("flows.close"), click -> dialog.close()));
        dialog.open();
    }

    private Map<UUID, String> memberNames() {
        return users.list(caller).stream().collect(Collectors.toMap(Member::id, Member::name, (a, b) -> a));
    }

    /** Ready flows to start from, in the UI's language: each with what it does and its steps; one click makes a draft. */
    private void templateGallery() {
        Dialog dialog = new Dialog(getTranslation("flows.templates"));
        dialog.setWidth("44em");
        VerticalLayout cards = new VerticalLayout();
        cards.setPadding(false);
        for (FlowTemplates.FlowTemplate template : templates.list(getLocale())) {
            Span steps = new Span(getTranslation("flows.templates.steps", template.document().path("nodes").size(),
                    template.document().path("nodes").valueStream().map(n -> n.path("type").asString()).distinct()
                            .map(type -> getTranslation("node.type." + type)).collect(Collectors.joining(", "))));
            steps.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
            Button use = new Button(getTranslation("flows.templates.use"), click -> {
                dialog.close();
                open(flows.create(caller, template.document()));
            });
            use.setId("use-template-" + template.id());
            use.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            VerticalLayout card = new VerticalLayout(new H4(template.name()), new Paragraph(template.description()), steps, use);
            card.setId("template-" + template.id());
            card.setSpacing(false);
            card.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)");
            cards.add(card);
        }
        dialog.add(cards);
        dialog.getFooter().add(new Button(getTranslation("flows.close"), click -> dialog.close()));
        dialog.open();
    }

    private void open(FlowDetail detail) {
        navigate(detail.flow().id());
    }

    private void navigate(UUID id) {
        getUI().ifPresent(ui -> ui.navigate(FlowEditorView.class, id.toString()));
    }
}
