package io.conversa.web.marketplace;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.module.InstallRequest;
import io.conversa.core.module.MarketplaceModule;
import io.conversa.core.module.ModuleExecution;
import io.conversa.core.module.ModuleService;
import io.conversa.core.module.TryRequest;
import io.conversa.core.module.TryResult;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.web.components.CurrentClient;
import io.conversa.web.components.ErrorMessages;
import io.conversa.web.components.SchemaForm;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** One module: what it does and may reach, its installation and secrets, and a form to try it. */
@Route("marketplace")
@RolesAllowed({"OWNER", "ADMIN", "BUILDER"})
public class ModuleView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ModuleService modules;
    private final Caller caller;
    private MarketplaceModule module;

    public ModuleView(AuthenticationContext authentication, ModuleService modules) {
        this.modules = modules;
        this.caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        setMaxWidth("60em");
    }

    @Override
    public void setParameter(BeforeEvent event, String moduleId) {
        try {
            module = modules.get(caller, moduleId);
        } catch (ErrorResponseException notFound) {
            removeAll();
            add(new RouterLink("← Marketplace", MarketplaceView.class), new H2("No such module"),
                    new Paragraph(ErrorMessages.of(notFound)));
            return;
        }
        show();
    }

    @Override
    public String getPageTitle() {
        return (module == null ? "Module" : String.valueOf(module.latest().get("name"))) + " · Marketplace · Conversa";
    }

    static boolean mayChange(Caller caller) {
        return caller.role() != Role.AGENT;
    }

    static boolean isBuiltIn(MarketplaceModule module) {
        return "BUILT_IN".equals(module.kind());
    }

    static Span statusBadge(MarketplaceModule module) {
        String text = isBuiltIn(module) ? "Built in"
                : module.installation() != null ? "Installed " + module.installation().version()
                : "PRIVATE".equals(module.visibility()) ? "Private, not installed" : "Not installed";
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(isBuiltIn(module) || module.installation() != null ? "badge success" : "badge contrast");
        badge.addClassName("module-status");
        return badge;
    }

    static Span outcomeBadge(ModuleExecution.Outcome outcome) {
        Span badge = new Span(outcome == ModuleExecution.Outcome.SUCCEEDED ? "Succeeded" : "Failed");
        badge.getElement().getThemeList().add(outcome == ModuleExecution.Outcome.SUCCEEDED ? "badge success" : "badge error");
        return badge;
    }

    private void show() {
        removeAll();
        Map<String, Object> latest = module.latest();
        H2 title = new H2(String.valueOf(latest.get("name")));
        title.setId("module-name");
        HorizontalLayout heading = new HorizontalLayout(title, statusBadge(module));
        heading.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new RouterLink("← Marketplace", MarketplaceView.class), heading,
                new Paragraph(String.valueOf(latest.getOrDefault("description", ""))),
                new Span(module.id() + " · by " + latest.getOrDefault("author", "unknown") + " · "
                        + ("PRIVATE".equals(module.visibility()) ? "uploaded by your team" : kind(module.kind()))),
                new H3("What it may reach"), capabilities(latest));
        if (!isBuiltIn(module)) {
            add(new H3("Installation"), installation());
        }
        add(new H3("Try it"), tryIt());
    }

    private static String kind(String kind) {
        return switch (kind) {
            case "BUILT_IN" -> "built into Conversa";
            case "JAVA" -> "a Java module installed by the operator";
            default -> "a JavaScript module in the sandbox";
        };
    }

    private static Component capabilities(Map<String, Object> manifest) {
        UnorderedList list = new UnorderedList();
        list.setId("capabilities");
        if (manifest.get("capabilities") instanceof Map<?, ?> capabilities) {
            if (capabilities.get("http") instanceof Map<?, ?> http && http.get("hosts") instanceof List<?> hosts) {
                list.add(new ListItem(hosts.contains("*") ? "Any public website or API"
                        : "Websites and APIs at " + String.join(", ", hosts.stream().map(String::valueOf).toList())));
            }
            if (Boolean.TRUE.equals(capabilities.get("keyValueStore"))) {
                list.add(new ListItem("Data of its own, kept for your team"));
            }
            if (Boolean.TRUE.equals(capabilities.get("contact"))) {
                list.add(new ListItem("The customer's contact: its tags and attributes"));
            }
        }
        if (list.getChildren().findAny().isEmpty()) {
            list.add(new ListItem("Nothing outside Conversa"));
        }
        return list;
    }

    private Component installation() {
        VerticalLayout section = new VerticalLayout();
        section.setPadding(false);
        Select<String> version = versions("install-version");
        section.add(version);
        Map<String, PasswordField> secrets = new LinkedHashMap<>();
        if (module.latest().get("secrets") instanceof List<?> declared) {
            for (Object spec : declared) {
                Map<?, ?> secret = (Map<?, ?>) spec;
                String name = String.valueOf(secret.get("name"));
                PasswordField field = new PasswordField(String.valueOf(secret.get("label")));
                field.setId("secret-" + name);
                boolean set = module.installation() != null && module.installation().secrets().contains(name);
                field.setPlaceholder(set ? "•••••• (set; type to replace)" : "not set");
                if (secret.get("description") instanceof String description) {
                    field.setHelperText(description);
                }
                field.setWidth("24em");
                secrets.put(name, field);
                section.add(field);
            }
        }
        boolean installed = module.installation() != null;
        Button save = new Button(installed ? "Save" : "Install", click -> {
            Map<String, String> given = new LinkedHashMap<>();
            secrets.forEach((name, field) -> {
                if (!field.isEmpty()) {
                    given.put(name, field.getValue());
                }
            });
            try {
                module = modules.install(caller, module.id(), new InstallRequest(version.getValue(), given), CurrentClient.info());
                Notification.show(String.valueOf(module.latest().get("name")) + " " + version.getValue() + " is installed.");
                show();
            } catch (ErrorResponseException problem) {
                ErrorMessages.show(problem);
            }
        });
        save.setId("install");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout actions = new HorizontalLayout(save);
        if (installed) {
            Button uninstall = new Button("Uninstall", click -> {
                ConfirmDialog confirm = new ConfirmDialog("Uninstall " + module.latest().get("name") + "?",
                        "Its secrets and stored data are deleted. Flows that call it will follow their error path.",
                        "Uninstall", confirmed -> {
                            modules.uninstall(caller, module.id(), CurrentClient.info());
                            module = modules.get(caller, module.id());
                            show();
                        });
                confirm.setConfirmButtonTheme("error primary");
                confirm.setCancelable(true);
                confirm.open();
            });
            uninstall.setId("uninstall");
            uninstall.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(uninstall);
        }
        section.add(actions);
        section.setEnabled(mayChange(caller));
        return section;
    }

    private Component tryIt() {
        VerticalLayout section = new VerticalLayout();
        section.setPadding(false);
        Select<String> version = versions("try-version");
        Div form = new Div();
        form.setWidthFull();
        Pre result = new Pre();
        result.setId("try-result");
        result.setVisible(false);
        SchemaForm[] current = new SchemaForm[1];
        Runnable render = () -> {
            form.removeAll();
            current[0] = new SchemaForm(manifest(version.getValue()).get("configSchema") instanceof Map<?, ?> schema
                    ? castSchema(schema) : Map.of());
            current[0].setId("config-form");
            form.add(current[0]);
        };
        render.run();
        version.addValueChangeListener(change -> render.run());
        Button run = new Button("Try it", click -> {
            try {
                TryResult tried = modules.tryOut(caller, module.id(), new TryRequest(version.getValue(), current[0].getValue()));
                result.setText(describe(tried));
            } catch (ErrorResponseException problem) {
                result.setText(ErrorMessages.of(problem));
            }
            result.setVisible(true);
        });
        run.setId("try");
        run.setEnabled(mayChange(caller));
        section.add(new Paragraph("Runs the module once with these settings, as an action node would, outside any "
                + "conversation. Use plain values here; in a flow they may contain {{variables}}."), version, form, run, result);
        return section;
    }

    private static String describe(TryResult tried) {
        StringBuilder text = new StringBuilder(tried.outcome() == ModuleExecution.Outcome.SUCCEEDED ? "Succeeded" : "Failed")
                .append(" in ").append(tried.durationMs()).append(" ms\n");
        text.append(tried.error() != null ? tried.error() : JSON.writeValueAsString(tried.output()));
        if (!tried.logs().isEmpty()) {
            text.append("\n\nLog:\n").append(String.join("\n", tried.logs()));
        }
        return text.toString();
    }

    private Select<String> versions(String id) {
        Select<String> version = new Select<>();
        version.setLabel("Version");
        version.setId(id);
        version.setItems(module.versions().reversed().stream().map(MarketplaceModule.Version::version).toList());
        version.setValue(module.installation() == null ? String.valueOf(module.latest().get("version"))
                : module.installation().version());
        return version;
    }

    private Map<String, Object> manifest(String version) {
        return module.versions().stream().filter(v -> v.version().equals(version)).findFirst()
                .map(MarketplaceModule.Version::manifest).orElse(module.latest());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castSchema(Map<?, ?> schema) {
        return (Map<String, Object>) schema;
    }
}
