package io.conversa.web.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.conversa.core.apikey.ApiKey;
import io.conversa.core.apikey.ApiKeyService;
import io.conversa.core.apikey.ApiScopes;
import io.conversa.core.apikey.CreatedApiKey;
import io.conversa.core.apikey.NewApiKey;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.web.components.Confirm;
import io.conversa.web.components.CsvColumns;
import io.conversa.web.components.CurrentClient;
import io.conversa.web.components.ErrorMessages;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.web.ErrorResponseException;

/** API keys for the business's own systems: create one (shown once, with a copy button), see when each was last used, revoke. */
class ApiKeysTab extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Caller caller;
    private final ApiKeyService apiKeys;
    private final Grid<ApiKey> grid = new Grid<>();

    ApiKeysTab(Caller caller, ApiKeyService apiKeys) {
        this.caller = caller;
        this.apiKeys = apiKeys;
        Button create = new Button(getTranslation("settings.api-keys.create"), VaadinIcon.KEY.create(), click -> createDialog().open());
        create.setId("create-api-key");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("api-keys");
        CsvColumns<ApiKey> columns = new CsvColumns<>();
        columns.add(grid, getTranslation("settings.api-keys.name"), ApiKey::name).setAutoWidth(true);
        columns.add(grid, getTranslation("settings.api-keys.prefix"), key -> key.prefix() + "…");
        columns.add(grid, getTranslation("settings.team.role"), key -> getTranslation("role." + key.role().name().toLowerCase()));
        columns.add(grid, getTranslation("settings.api-keys.scopes"), key -> key.scopes() == null || key.scopes().isEmpty()
                ? getTranslation("settings.api-keys.all-scopes") : String.join(", ", key.scopes()));
        columns.add(grid, getTranslation("settings.api-keys.last-used"),
                key -> key.lastUsedAt() == null ? getTranslation("settings.api-keys.never") : WHEN.format(key.lastUsedAt()));
        columns.add(grid, getTranslation("settings.api-keys.status"),
                key -> key.revokedAt() == null ? "" : getTranslation("settings.api-keys.revoked", WHEN.format(key.revokedAt())));
        grid.addComponentColumn(this::revokeButton);
        grid.setAllRowsVisible(true);
        add(new HorizontalLayout(create, columns.download("api-keys-csv", "api-keys", () -> apiKeys.list(caller).stream())), grid);
        refresh();
    }

    private Button revokeButton(ApiKey key) {
        Button revoke = new Button(getTranslation("settings.api-keys.revoke"), VaadinIcon.BAN.create(), click -> {
            Confirm.destructive(getTranslation("settings.api-keys.revoke.title", key.name()),
                    getTranslation("settings.api-keys.revoke.text"), getTranslation("settings.api-keys.revoke"),
                    () -> act(() -> apiKeys.revoke(caller, key.id(), CurrentClient.info())));
        });
        revoke.setId("revoke-" + key.name());
        revoke.setEnabled(key.revokedAt() == null);
        revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return revoke;
    }

    private Dialog createDialog() {
        Dialog dialog = new Dialog(getTranslation("settings.api-keys.create"));
        TextField name = new TextField(getTranslation("settings.api-keys.name"));
        name.setId("api-key-name");
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("settings.team.role"));
        // A key acts for a system, never as an owner.
        role.setItems(Role.ADMIN, Role.BUILDER, Role.AGENT);
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name().toLowerCase()));
        role.setValue(Role.ADMIN);
        role.setId("api-key-role");
        MultiSelectComboBox<String> scopes = new MultiSelectComboBox<>(getTranslation("settings.api-keys.scopes"));
        scopes.setItems(ApiScopes.ALL);
        scopes.setId("api-key-scopes");
        scopes.setHelperText(getTranslation("settings.api-keys.scopes.help"));
        dialog.add(new FormLayout(name, role, scopes));
        Button save = new Button(getTranslation("settings.api-keys.create"), click -> {
            try {
                CreatedApiKey created = apiKeys.create(caller, new NewApiKey(name.getValue(), role.getValue(),
                        scopes.getValue().isEmpty() ? null : List.copyOf(scopes.getValue()), null), CurrentClient.info());
                refresh();
                dialog.removeAll();
                dialog.add(new Paragraph(getTranslation("settings.api-keys.shown-once")),
                        new Clipboard("new-api-key", getTranslation("settings.api-keys.key"), created.key()));
                dialog.getFooter().removeAll();
                dialog.getFooter().add(new Button(getTranslation("settings.done"), done -> dialog.close()));
            } catch (ErrorResponseException e) {
                ErrorMessages.show(e);
            }
        });
        save.setId("api-key-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("settings.cancel"), click -> dialog.close()), save);
        return dialog;
    }

    private void act(Runnable work) {
        ErrorMessages.attempt(work);
        refresh();
    }

    private void refresh() {
        grid.setItems(apiKeys.list(caller));
    }
}
