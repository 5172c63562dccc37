package io.conversa.web.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.util.Locale;

/**
 * Texts by key in one language: a component's own ({@code this::getTranslation}), or a fixed
 * one where no UI runs (tests).
 */
@FunctionalInterface
public interface Texts {

    String get(String key, Object... params);

    static Texts of(I18NProvider provider, Locale locale) {
        return (key, params) -> provider.getTranslation(key, locale, params);
    }

    /** "{{variable}}" in these texts' language: passed as a parameter, as a message format cannot hold braces. */
    static String variablePlaceholder(Texts texts) {
        return "{{" + texts.get("variable.word") + "}}";
    }
}
