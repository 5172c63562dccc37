package io.conversa.web.marketplace;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
import io.conversa.web.components.Confirm;
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
            add(new RouterLink("← " + getTranslation("marketplace.title"), MarketplaceView.class),
                    new H2(getTranslation("module.none")),
                    new Paragraph(ErrorMessages.of(notFound)));
            return;
        }
        show();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("module.page-title", module == null ? getTranslation("marketplace.log.module")
                : String.valueOf(module.latest().get("name")));
    }

    /** For what is shown from static helpers (badges used by the marketplace too): in the UI's language. */
    private static String t(String key, Object... params) {
        return UI.getCurrent().getTranslation(key, params);
    }

    static boolean mayChange(Caller caller) {
        return caller.role() != Role.AGENT;
    }

    static boolean isBuiltIn(MarketplaceModule module) {
        return "BUILT_IN".equals(module.kind());
    }

    static Span statusBadge(MarketplaceModule module) {
        String text = isBuiltIn(module) ? t("module.built-in")
                : module.installation() != null ? t("module.installed", module.installation().version())
                : "PRIVATE".equals(module.visibility()) ? t("module.private") : t("module.not-installed");
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(isBuiltIn(module) || module.installation() != null ? "badge success" : "badge contrast");
        badge.addClassName("module-status");
        return badge;
    }

    static Span outcomeBadge(ModuleExecution.Outcome outcome) {
        Span badge = new Span(t(outcome == ModuleExecution.Outcome.SUCCEEDED ? "module.succeeded" : "module.failed"));
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
        add(new RouterLink("← " + getTranslation("marketplace.title"), MarketplaceView.class), heading,
                new Paragraph(String.valueOf(latest.getOrDefault("description", ""))),
                new Span(getTranslation("module.origin", module.id(), latest.getOrDefault("author", getTranslation("module.unknown")),
                        getTranslation("PRIVATE".equals(module.visibility()) ? "module.kind.private" : kind(module.kind())))),
                new H3(getTranslation("module.reach")), capabilities(latest));
        if (!isBuiltIn(module)) {
            add(new H3(getTranslation("module.installation")), installation());
        }
        add(new H3(getTranslation("module.try")), tryIt());
    }

    private static String kind(String kind) {
        return switch (kind) {
            case "BUILT_IN" -> "module.kind.built-in";
            case "JAVA" -> "module.kind.java";
            default -> "module.kind.javascript";
        };
    }

    private static Component capabilities(Map<String, Object> manifest) {
        UnorderedList list = new UnorderedList();
        list.setId("capabilities");
        if (manifest.get("capabilities") instanceof Map<?, ?> capabilities) {
            if (capabilities.get("http") instanceof Map<?, ?> http && http.get("hosts") instanceof List<?> hosts) {
                list.add(new ListItem(hosts.contains("*") ? t("module.reach.any-host")
                        : t("module.reach.hosts", String.join(", ", hosts.stream().map(String::valueOf).toList()))));
            }
            if (Boolean.TRUE.equals(capabilities.get("keyValueStore"))) {
                list.add(new ListItem(t("module.reach.store")));
            }
            if (Boolean.TRUE.equals(capabilities.get("contact"))) {
                list.add(new ListItem(t("module.reach.contact")));
            }
        }
        if (list.getChildren().findAny().isEmpty()) {
            list.add(new ListItem(t("module.reach.nothing")));
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
                field.setPlaceholder(getTranslation(set ? "module.secret.set" : "module.secret.not-set"));
                if (secret.get("description") instanceof String description) {
                    field.setHelperText(description);
                }
                field.setWidth("24em");
                secrets.put(name, field);
                section.add(field);
            }
        }
        boolean installed = module.installation() != null;
        Button save = new Button(getTranslation(installed ? "settings.save" : "module.install"), click -> {
            Map<String, String> given = new LinkedHashMap<>();
            secrets.forEach((name, field) -> {
                if (!field.isEmpty()) {
                    given.put(name, field.getValue());
                }
            });
            try {
                module = modules.install(caller, module.id(), new InstallRequest(version.getValue(), given), CurrentClient.info());
                Notification.show(getTranslation("module.installed.notice", module.latest().get("name"), version.getValue()));
                show();
            } catch (ErrorResponseException problem) {
                ErrorMessages.show(problem);
            }
        });
        save.setId("install");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout actions = new HorizontalLayout(save);
        if (installed) {
            Button uninstall = new Button(getTranslation("module.uninstall"), click -> Confirm.destructive(
                    getTranslation("module.uninstall.title", module.latest().get("name")), getTranslation("module.uninstall.text"),
                    getTranslation("module.uninstall"), () -> {
                        modules.uninstall(caller, module.id(), CurrentClient.info());
                        module = modules.get(caller, module.id());
                        show();
                    }));
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
        Button run = new Button(getTranslation("module.try"), click -> {
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
        section.add(new Paragraph(getTranslation("module.try.help", "{{variables}}")), version, form, run, result);
        return section;
    }

    private static String describe(TryResult tried) {
        StringBuilder text = new StringBuilder(t(tried.outcome() == ModuleExecution.Outcome.SUCCEEDED
                ? "module.succeeded.in" : "module.failed.in", tried.durationMs())).append("\n");
        text.append(tried.error() != null ? tried.error() : JSON.writeValueAsString(tried.output()));
        if (!tried.logs().isEmpty()) {
            text.append("\n\n").append(t("module.log")).append("\n").append(String.join("\n", tried.logs()));
        }
        return text.toString();
    }

    private Select<String> versions(String id) {
        Select<String> version = new Select<>();
        version.setLabel(getTranslation("module.version"));
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
