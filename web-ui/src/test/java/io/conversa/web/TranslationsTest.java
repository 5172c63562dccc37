package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.web.i18n.Translations;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
        for (String file : List.of("translations.properties", "translations_pt_BR.properties")) {
            Properties properties = load(file);
            properties.forEach((key, text) -> assertThat(new MessageFormat((String) text).format(new Object[] {"x", "y", "z"}))
                    .as(file + ": " + key).isNotBlank());
        }
    }

    /** A key the code asks for by name but the bundles lack would show as !key! on screen. */
    @Test
    void everyKeyTheViewsAskForIsTranslated() throws IOException {
        Pattern asked = Pattern.compile("getTranslation\\(\"([^\"]+)\"[,)]");
        Set<Object> known = keys("translations.properties");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher keys = asked.matcher(Files.readString(source));
                while (keys.find()) {
                    if (!known.contains(keys.group(1))) {
                        missing.add(source.getFileName() + ": " + keys.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
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

    private static Set<Object> keys(String file) throws IOException {
        return load(file).keySet();
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TranslationsTest.class.getResourceAsStream("/vaadin-i18n/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
