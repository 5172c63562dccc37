package io.conversa.web.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.core.user.Member;
import io.conversa.core.user.MemberUpdate;
import io.conversa.core.user.NewMember;
import io.conversa.core.user.UserService;
import io.conversa.web.components.Confirm;
import io.conversa.web.components.CurrentClient;
import io.conversa.web.components.ErrorMessages;

/** The team: members and their roles; add one, change a role, remove one (never the last owner). */
class TeamTab extends VerticalLayout {

    private final Caller caller;
    private final UserService users;
    private final Grid<Member> grid = new Grid<>();

    TeamTab(Caller caller, UserService users) {
        this.caller = caller;
        this.users = users;
        Button add = new Button(getTranslation("settings.team.add"), VaadinIcon.USER_CHECK.create(), click -> addDialog().open());
        add.setId("add-member");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("members");
        grid.addColumn(Member::name).setHeader(getTranslation("settings.team.name")).setAutoWidth(true);
        grid.addColumn(Member::email).setHeader(getTranslation("settings.team.email")).setAutoWidth(true);
        grid.addComponentColumn(this::roleSelect).setHeader(getTranslation("settings.team.role"));
        grid.addComponentColumn(this::removeButton);
        grid.setAllRowsVisible(true);
        add(add, grid);
        refresh();
    }

    private Select<Role> roleSelect(Member member) {
        Select<Role> role = roles();
        role.setValue(member.role());
        role.setId("role-" + member.email());
        role.addValueChangeListener(change -> {
            if (change.isFromClient() && !act(() -> users.update(caller, member.id(), new MemberUpdate(null, change.getValue()),
                    CurrentClient.info()))) {
                role.setValue(change.getOldValue());
            }
        });
        return role;
    }

    private Button removeButton(Member member) {
        Button remove = new Button(VaadinIcon.TRASH.create(), click -> {
            Confirm.destructive(getTranslation("settings.team.remove.title", member.name()),
                    getTranslation("settings.team.remove.text"), getTranslation("settings.team.remove"),
                    () -> act(() -> users.remove(caller, member.id(), CurrentClient.info())));
        });
        remove.setId("remove-" + member.email());
        remove.setTooltipText(getTranslation("settings.team.remove"));
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return remove;
    }

    private Dialog addDialog() {
        Dialog dialog = new Dialog(getTranslation("settings.team.add"));
        TextField name = new TextField(getTranslation("settings.team.name"));
        name.setId("member-name");
        EmailField email = new EmailField(getTranslation("settings.team.email"));
        email.setId("member-email");
        PasswordField password = new PasswordField(getTranslation("settings.team.password"));
        password.setId("member-password");
        password.setHelperText(getTranslation("settings.team.password.help"));
        Select<Role> role = roles();
        role.setLabel(getTranslation("settings.team.role"));
        role.setId("member-role");
        role.setValue(Role.AGENT);
        dialog.add(new FormLayout(name, email, password, role));
        Button save = new Button(getTranslation("settings.team.add"), click -> {
            if (act(() -> users.add(caller, new NewMember(email.getValue(), name.getValue(), password.getValue(), role.getValue()),
                    CurrentClient.info()))) {
                dialog.close();
            }
        });
        save.setId("member-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("settings.cancel"), click -> dialog.close()), save);
        return dialog;
    }

    private Select<Role> roles() {
        Select<Role> role = new Select<>();
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name().toLowerCase()));
        return role;
    }

    private boolean act(Runnable work) {
        boolean done = ErrorMessages.attempt(work);
        refresh();
        return done;
    }

    private void refresh() {
        grid.setItems(users.list(caller));
    }
}
