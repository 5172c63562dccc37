package io.conversa.web.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.core.user.Invitation;
import io.conversa.core.user.InvitationSent;
import io.conversa.core.user.InvitationService;
import io.conversa.core.user.Member;
import io.conversa.core.user.MemberUpdate;
import io.conversa.core.user.NewInvitation;
import io.conversa.core.user.NewMember;
import io.conversa.core.user.UserService;
import io.conversa.web.components.Confirm;
import io.conversa.web.components.CsvColumns;
import io.conversa.web.components.CurrentClient;
import io.conversa.web.components.ErrorMessages;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;

/**
 * The team: members and their roles; invite one by email (or add one with a password), change a
 * role, remove one (never the last owner); the invitations not accepted yet, to withdraw.
 */
class TeamTab extends VerticalLayout {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT);

    private final Caller caller;
    private final UserService users;
    private final InvitationService invitations;
    private final String baseUrl;
    private final Grid<Member> grid = new Grid<>();
    private final Grid<Invitation> pending = new Grid<>();
    private final H4 pendingTitle = new H4();
    /** The pending invitations' title and download, shown with them. */
    private final HorizontalLayout pendingHeader = new HorizontalLayout();

    TeamTab(Caller caller, UserService users, InvitationService invitations, String baseUrl) {
        this.caller = caller;
        this.users = users;
        this.invitations = invitations;
        this.baseUrl = baseUrl;
        Button invite = new Button(getTranslation("settings.team.invite"), VaadinIcon.ENVELOPE_O.create(),
                click -> inviteDialog().open());
        invite.setId("invite-member");
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button add = new Button(getTranslation("settings.team.add"), VaadinIcon.USER_CHECK.create(), click -> addDialog().open());
        add.setId("add-member");
        grid.setId("members");
        CsvColumns<Member> members = new CsvColumns<>();
        members.add(grid, getTranslation("settings.team.name"), Member::name).setAutoWidth(true);
        members.add(grid, getTranslation("settings.team.email"), Member::email).setAutoWidth(true);
        grid.addComponentColumn(this::roleSelect).setHeader(getTranslation("settings.team.role"));
        members.exported(getTranslation("settings.team.role"), m -> getTranslation("role." + m.role().name().toLowerCase()));
        grid.addComponentColumn(this::removeButton);
        grid.setAllRowsVisible(true);
        pendingTitle.setText(getTranslation("settings.team.invitations"));
        pending.setId("invitations");
        CsvColumns<Invitation> invited = new CsvColumns<>();
        invited.add(pending, getTranslation("settings.team.email"), Invitation::email).setAutoWidth(true);
        invited.add(pending, getTranslation("settings.team.role"), i -> getTranslation("role." + i.role().name().toLowerCase()));
        invited.add(pending, getTranslation("settings.team.invitations.expires"), i -> DATE.withLocale(getLocale()).format(i.expiresAt()));
        pending.addComponentColumn(this::revokeButton);
        pending.setAllRowsVisible(true);
        add(new HorizontalLayout(invite, add, members.download("members-csv", "team", () -> users.list(caller).stream())), grid,
                pendingHeader, pending);
        pendingHeader.add(pendingTitle, invited.download("invitations-csv", "invitations", () -> invitations.pending(caller).stream()));
        refresh();
    }

    private Button revokeButton(Invitation invitation) {
        Button revoke = new Button(getTranslation("settings.team.invitations.revoke"),
                click -> act(() -> invitations.revoke(caller, invitation.id(), CurrentClient.info())));
        revoke.setId("revoke-" + invitation.email());
        revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return revoke;
    }

    private Dialog inviteDialog() {
        Dialog dialog = new Dialog(getTranslation("settings.team.invite"));
        TextField name = nameField("invite-name");
        EmailField email = emailField("invite-email");
        Select<Role> role = roleField("invite-role");
        dialog.add(new FormLayout(name, email, role));
        Button send = new Button(getTranslation("settings.team.invite.send"), click -> {
            InvitationSent[] sent = new InvitationSent[1];
            if (act(() -> sent[0] = invitations.invite(caller, new NewInvitation(email.getValue(), name.getValue(), role.getValue()),
                    baseUrl, CurrentClient.info(), getLocale()))) {
                dialog.close();
                if (sent[0].emailed()) {
                    Notification.show(getTranslation("settings.team.invite.emailed", sent[0].invitation().email()));
                } else {
                    linkDialog(sent[0]).open();
                }
            }
        });
        send.setId("invite-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("settings.cancel"), click -> dialog.close()), send);
        return dialog;
    }

    /** No SMTP here: the inviter passes the link on; it is never shown again. */
    private Dialog linkDialog(InvitationSent sent) {
        Dialog dialog = new Dialog(getTranslation("settings.team.invite.link.title", sent.invitation().name()));
        dialog.add(new Paragraph(getTranslation("settings.team.invite.link.text")),
                new Clipboard("invitation-link", getTranslation("settings.team.invite.link"), sent.link()));
        dialog.setWidth("36em");
        Button done = new Button(getTranslation("settings.done"), click -> dialog.close());
        done.setId("invitation-link-done");
        dialog.getFooter().add(done);
        return dialog;
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
        TextField name = nameField("member-name");
        EmailField email = emailField("member-email");
        PasswordField password = new PasswordField(getTranslation("settings.team.password"));
        password.setId("member-password");
        password.setHelperText(getTranslation("settings.team.password.help"));
        Select<Role> role = roleField("member-role");
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

    private TextField nameField(String id) {
        TextField name = new TextField(getTranslation("settings.team.name"));
        name.setId(id);
        return name;
    }

    private EmailField emailField(String id) {
        EmailField email = new EmailField(getTranslation("settings.team.email"));
        email.setId(id);
        return email;
    }

    /** A new member's role: agent unless chosen otherwise. */
    private Select<Role> roleField(String id) {
        Select<Role> role = roles();
        role.setLabel(getTranslation("settings.team.role"));
        role.setId(id);
        role.setValue(Role.AGENT);
        return role;
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
        List<Invitation> open = invitations.pending(caller);
        pending.setItems(open);
        pending.setVisible(!open.isEmpty());
        pendingHeader.setVisible(!open.isEmpty());
    }
}
