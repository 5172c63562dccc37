package io.conversa.web.flows;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.flow.FlowDetail;
import io.conversa.core.flow.FlowService;
import io.conversa.core.flow.FlowSummary;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.core.user.Member;
import io.conversa.core.user.UserService;
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
@PageTitle("Flows · Conversa")
@RolesAllowed({"OWNER", "ADMIN", "BUILDER"})
public class FlowsView extends VerticalLayout {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final FlowService flows;
    private final UserService users;
    private final Caller caller;
    private final Grid<FlowSummary> grid = new Grid<>();
    private final EmptyState empty = new EmptyState(VaadinIcon.SITEMAP, "No flows yet",
            "Draw chatbot flows from messages, questions, conditions and actions, test them and publish them to your WhatsApp numbers.");

    public FlowsView(AuthenticationContext authentication, FlowService flows, UserService users) {
        this.flows = flows;
        this.users = users;
        this.caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        setSizeFull();
        boolean builds = caller.role() != Role.AGENT;

        Button create = new Button("New flow", VaadinIcon.PLUS.create(), click -> askName("New flow", "", name -> {
            ObjectNode document = JSON.createObjectNode().put("name", name).put("start", "");
            document.putArray("nodes");
            document.putArray("edges");
            open(flows.create(caller, document));
        }));
        create.setId("new-flow");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button importing = new Button("Import", VaadinIcon.UPLOAD.create(), click -> importDialog());
        importing.setId("import-flow");
        create.setEnabled(builds);
        importing.setEnabled(builds);

        grid.setId("flows");
        grid.addColumn(FlowSummary::name).setHeader("Name").setFlexGrow(2).setSortable(true);
        grid.addComponentColumn(FlowsView::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(f -> WHEN.format(f.updatedAt())).setHeader("Last edited").setAutoWidth(true).setSortable(true);
        Map<UUID, String> names = memberNames();
        grid.addColumn(f -> names.getOrDefault(f.updatedBy(), "")).setHeader("By").setAutoWidth(true);
        grid.addComponentColumn(f -> actions(f, builds)).setHeader("").setAutoWidth(true);
        grid.addItemDoubleClickListener(click -> navigate(click.getItem().id()));
        grid.setSizeFull();

        add(new H2("Flows"), new HorizontalLayout(create, importing), grid, empty);
        refresh();
    }

    private void refresh() {
        var all = flows.list(caller);
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
    }

    private static Span status(FlowSummary flow) {
        Span badge = new Span(flow.publishedVersion() == null ? "Draft" : "Published v" + flow.publishedVersion());
        badge.getElement().getThemeList().add(flow.publishedVersion() == null ? "badge contrast" : "badge success");
        return badge;
    }

    private HorizontalLayout actions(FlowSummary flow, boolean builds) {
        Button open = new Button("Open", click -> navigate(flow.id()));
        open.setAriaLabel("Open " + flow.name());
        Button rename = new Button(VaadinIcon.EDIT.create(), click -> askName("Rename flow", flow.name(), name -> {
            FlowDetail detail = flows.get(caller, flow.id());
            flows.update(caller, flow.id(), ((ObjectNode) detail.draft()).put("name", name), detail.flow().draftRevision());
            refresh();
        }));
        rename.setAriaLabel("Rename " + flow.name());
        Button duplicate = new Button(VaadinIcon.COPY.create(), click -> {
            ObjectNode copy = (ObjectNode) flows.get(caller, flow.id()).draft();
            copy.put("name", flow.name() + " (copy)");
            if (copy.get("triggers") instanceof ObjectNode triggers) {
                triggers.remove("keywords");
                triggers.put("defaultFlow", false);
            }
            flows.create(caller, copy);
            refresh();
        });
        duplicate.setAriaLabel("Duplicate " + flow.name());
        Button export = new Button(VaadinIcon.DOWNLOAD.create(), click -> exportDialog(flow));
        export.setAriaLabel("Export " + flow.name());
        Button delete = new Button(VaadinIcon.TRASH.create(), click -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete " + flow.name() + "?",
                    "Customers already in it finish on their version; nobody new starts it.", "Delete", confirmed -> {
                        flows.delete(caller, flow.id());
                        refresh();
                    });
            confirm.setConfirmButtonTheme("error primary");
            confirm.setCancelable(true);
            confirm.open();
        });
        delete.setAriaLabel("Delete " + flow.name());
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
        TextField name = new TextField("Name");
        name.setId("flow-name-input");
        name.setValue(current);
        name.setRequired(true);
        name.setWidth("24em");
        Button save = new Button("Save", click -> {
            if (name.getValue().isBlank()) {
                name.setInvalid(true);
                name.setErrorMessage("A flow needs a name.");
                return;
            }
            dialog.close();
            named.accept(name.getValue().strip());
        });
        save.setId("flow-name-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        dialog.add(name);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
        name.focus();
    }

    private void importDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Import a flow");
        TextArea document = new TextArea("Flow JSON");
        document.setId("import-json");
        document.setWidth("40em");
        document.setMinHeight("16em");
        Paragraph error = new Paragraph();
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        Button save = new Button("Import", click -> {
            try {
                JsonNode parsed = JSON.readTree(document.getValue());
                dialog.close();
                open(flows.create(caller, parsed));
            } catch (JacksonException e) {
                error.setText("This is not JSON: " + e.getOriginalMessage());
            } catch (ErrorResponseException problem) {
                error.setText(ErrorMessages.of(problem));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Paragraph("Paste a flow exported from Conversa (docs/flow-format.md)."), document, error);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }

    private void exportDialog(FlowSummary flow) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Export " + flow.name());
        TextArea document = new TextArea("Flow JSON (copy it, or use GET /api/v1/flows/" + flow.id() + "/export)");
        document.setValue(JSON.writeValueAsString(flows.get(caller, flow.id()).draft()));
        document.setReadOnly(true);
        document.setWidth("40em");
        document.setMaxHeight("60vh");
        dialog.add(document);
        dialog.getFooter().add(new Button("Close", click -> dialog.close()));
        dialog.open();
    }

    private Map<UUID, String> memberNames() {
        return users.list(caller).stream().collect(Collectors.toMap(Member::id, Member::name, (a, b) -> a));
    }

    private void open(FlowDetail detail) {
        navigate(detail.flow().id());
    }

    private void navigate(UUID id) {
        getUI().ifPresent(ui -> ui.navigate(FlowEditorView.class, id.toString()));
    }
}
