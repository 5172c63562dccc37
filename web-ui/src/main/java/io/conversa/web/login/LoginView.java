package io.conversa.web.login;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.conversa.core.demo.DemoProperties;
import org.springframework.beans.factory.ObjectProvider;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();

    public LoginView(ObjectProvider<DemoProperties> demo) {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setUsername(getTranslation("login.email"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.failed"));
        i18n.getErrorMessage().setMessage(getTranslation("login.failed.text"));
        form.setI18n(i18n);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);

        H1 brand = new H1("Conversa");
        brand.addClassName("conversa-brand");
        Paragraph tagline = new Paragraph(getTranslation("login.tagline"));
        add(brand, tagline, form);

        DemoProperties demoLogin = demo.getIfAvailable();
        if (demoLogin != null && demoLogin.enabled()) {
            Div hint = new Div(getTranslation("login.demo", demoLogin.email(), demoLogin.password()));
            hint.setId("demo-login");
            add(hint);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.page-title");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
