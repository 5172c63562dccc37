package io.conversa.web.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/**
 * Every text a person sees, in English and Brazilian Portuguese, from
 * {@code vaadin-i18n/translations*.properties}. English comes first: a browser asking for a
 * language Conversa does not speak gets English, never the last bundle found.
 */
@Component
public class Translations implements I18NProvider {

    public static final Locale PORTUGUESE_BRAZIL = Locale.of("pt", "BR");
    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, PORTUGUESE_BRAZIL);
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        try {
            String text = ResourceBundle.getBundle("vaadin-i18n.translations", locale == null ? Locale.ENGLISH : locale, NO_FALLBACK)
                    .getString(key);
            return params.length == 0 ? text : new MessageFormat(text, locale).format(params);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }
}
