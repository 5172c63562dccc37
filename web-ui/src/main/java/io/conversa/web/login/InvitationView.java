package io.conversa.web.login;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.conversa.core.user.InvitationService;
import io.conversa.core.user.PendingInvitation;
import io.conversa.web.components.CurrentClient;
import io.conversa.web.components.ErrorMessages;
import org.springframework.web.ErrorResponseException;

/** Where an invitation link leads: the invitee sets their name and password, then signs in. */
@Route(value = "invitation", autoLayout = false)
@AnonymousAllowed
public class InvitationView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final InvitationService invitations;

    public InvitationView(InvitationService invitations) {
        this.invitations = invitations;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
    }

    @Override
    public void setParameter(BeforeEvent event, String token) {
        removeAll();
        H1 brand = new H1("Conversa");
        brand.addClassName("conversa-brand");
        add(brand);
        PendingInvitation invitation;
        try {
            invitation = invitations.find(token);
        } catch (ErrorResponseException refused) {
            Paragraph why = new Paragraph(ErrorMessages.of(refused));
            why.setId("invitation-refused");
            add(why, new RouterLink(getTranslation("invitation.signIn"), LoginView.class));
            return;
        }
        H2 title = new H2(getTranslation("invitation.title", invitation.tenantName()));
        title.setId("invitation-title");
        Paragraph role = new Paragraph(getTranslation("invitation.role",
                getTranslation("role." + invitation.role().name().toLowerCase())));
        EmailField email = new EmailField(getTranslation("settings.team.email"));
        email.setValue(invitation.email());
        email.setReadOnly(true);
        TextField name = new TextField(getTranslation("settings.team.name"));
        name.setId("invitation-name");
        name.setValue(invitation.name());
        PasswordField password = new PasswordField(getTranslation("login.password"));
        password.setId("invitation-password");
        password.setHelperText(getTranslation("invitation.password.help"));
        PasswordField again = new PasswordField(getTranslation("invitation.password.again"));
        again.setId("invitation-password-again");
        Button join = new Button(getTranslation("invitation.join"), click -> {
            if (!password.getValue().equals(again.getValue())) {
                again.setInvalid(true);
                again.setErrorMessage(getTranslation("invitation.password.mismatch"));
                return;
            }
            if (ErrorMessages.attempt(() -> invitations.accept(token, name.getValue(), password.getValue(), CurrentClient.info()))) {
                Notification.show(getTranslation("invitation.joined"));
                getUI().ifPresent(ui -> ui.navigate(LoginView.class));
            }
        });
        join.setId("invitation-join");
        join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form = new VerticalLayout(title, role, email, name, password, again, join);
        form.setMaxWidth("26em");
        form.setPadding(false);
        email.setWidthFull();
        name.setWidthFull();
        password.setWidthFull();
        again.setWidthFull();
        add(form);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("invitation.page-title");
    }
}
