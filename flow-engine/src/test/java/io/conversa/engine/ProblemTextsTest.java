package io.conversa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.engine.validation.ProblemText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every problem a flow or message can have reads in English and Brazilian Portuguese, with the same placeholders. */
class ProblemTextsTest {

    static final Pattern CODE = Pattern.compile("\"((?:check|condition|flow|jump|list|media|reaction|validation|variable)\\.[a-z-]+)\"");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    @Test
    void bothLanguagesHaveEveryTextWithTheSamePlaceholders() throws IOException {
        Properties english = load("problems.properties");
        Properties portuguese = load("problems_pt_BR.properties");
        assertThat(portuguese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (String code : english.stringPropertyNames()) {
            assertThat(placeholders(portuguese.getProperty(code))).as(code).isEqualTo(placeholders(english.getProperty(code)));
            new MessageFormat(portuguese.getProperty(code), Locale.forLanguageTag("pt-BR"));
        }
    }

    @Test
    void everyCodeTheEngineUsesHasItsText() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                CODE.matcher(Files.readString(source)).results().forEach(m -> codes.add(m.group(1)));
            }
        }
        assertThat(codes).hasSizeGreaterThan(20);
        assertThat(load("problems.properties").stringPropertyNames()).containsAll(codes);
    }

    private static Set<Integer> placeholders(String pattern) {
        Set<Integer> found = new TreeSet<>();
        PLACEHOLDER.matcher(pattern).results().forEach(m -> found.add(Integer.parseInt(m.group(1))));
        return found;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProblemText.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
