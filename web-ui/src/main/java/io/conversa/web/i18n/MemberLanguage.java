package io.conversa.web.i18n;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.conversa.core.security.Caller;
import io.conversa.core.security.MeService;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Speaks the language a signed-in person chose, on every page they open; without a choice (or
 * before signing in) the browser's language decides.
 */
@Component
public class MemberLanguage implements VaadinServiceInitListener {

    private final MeService me;

    MemberLanguage(MeService me) {
        this.me = me;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> caller()
                .flatMap(me::language)
                .map(Locale::forLanguageTag)
                .ifPresent(init.getUI()::setLocale));
    }

    /** Changes the person's language; the page reloads in it (the browser's when {@code language} is null). */
    public void choose(Caller caller, String language, UI ui) {
        me.setLanguage(caller, language);
        ui.getPage().reload();
    }

    private static Optional<Caller> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }
}
