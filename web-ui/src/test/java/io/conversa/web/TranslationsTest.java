package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.web.i18n.Translations;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Both languages say everything, and a language Conversa does not speak gets English. */
class TranslationsTest {

    final Translations translations = new Translations();

    @Test
    void everyKeyIsInBothLanguages() throws IOException {
        assertThat(keys("translations_pt_BR.properties")).isEqualTo(keys("translations.properties"));
    }

    @Test
    void everyTextIsAValidMessageFormat() throws IOException {
        for (String file : java.util.List.of("translations.properties", "translations_pt_BR.properties")) {
            Properties properties = load(file);
            properties.forEach((key, text) -> assertThat(new java.text.MessageFormat((String) text).format(new Object[] {"x", "y", "z"}))
                    .as(file + ": " + key).isNotBlank());
        }
    }

    @Test
    void portugueseForBrazilEnglishForTheRest() {
        assertThat(translations.getTranslation("inbox.take", Translations.PORTUGUESE_BRAZIL)).isEqualTo("Assumir");
        assertThat(translations.getTranslation("inbox.take", Locale.ENGLISH)).isEqualTo("Take");
        assertThat(translations.getTranslation("inbox.take", Locale.GERMAN)).isEqualTo("Take");
        assertThat(translations.getTranslation("inbox.assigned-to", Locale.ENGLISH, "Ana")).isEqualTo("Assigned to Ana");
        assertThat(translations.getTranslation("inbox.template.parameter.body", Locale.ENGLISH, "1")).isEqualTo("Body {{1}}");
        assertThat(translations.getTranslation("no.such.key", Locale.ENGLISH)).isEqualTo("!no.such.key!");
        assertThat(translations.getProvidedLocales().getFirst()).isEqualTo(Locale.ENGLISH);
    }

    private static java.util.Set<Object> keys(String file) throws IOException {
        return load(file).keySet();
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TranslationsTest.class.getResourceAsStream("/vaadin-i18n/" + file)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
