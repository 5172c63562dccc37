package io.conversa.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.engine.validation.ProblemText;
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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Every refusal, the platform's and the flow engine's, has its text in English and Brazilian
 * Portuguese, with the same placeholders, and is shown in the reader's language.
 */
class ProblemTextsTest {

    static final Pattern CALL = Pattern.compile(
            "Problems\\.(?:notFound|conflict|forbidden|problem|invalid)\\((?:HttpStatus\\.\\w+, |[^,()]+(?:\\([^()]*\\))?[^,()]*, )?\"([a-z][a-z0-9.-]*)\"|FieldError\\.of\\([^,]+, \"([a-z][a-z0-9.-]*)\"");
    static final Pattern ENGINE_CODE = Pattern.compile(
            "\"((?:check|condition|flow|jump|list|media|reaction|validation|variable)\\.[a-z-]+)\"");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    @Test
    void bothLanguagesHaveEveryTextWithTheSamePlaceholders() throws IOException {
        for (Class<?> bundle : List.of(Problems.class, ProblemText.class)) {
            Properties english = load(bundle, "problems.properties");
            Properties portuguese = load(bundle, "problems_pt_BR.properties");
            assertThat(portuguese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            for (String code : english.stringPropertyNames()) {
                assertThat(placeholders(portuguese.getProperty(code))).as(code).isEqualTo(placeholders(english.getProperty(code)));
                new MessageFormat(english.getProperty(code), Locale.ENGLISH);
                new MessageFormat(portuguese.getProperty(code), Locale.forLanguageTag("pt-BR"));
            }
        }
    }

    @Test
    void theFlowEnginesTextsAndThePlatformsHaveNoCodeInCommon() throws IOException {
        assertThat(load(ProblemText.class, "problems.properties").stringPropertyNames())
                .doesNotContainAnyElementsOf(load(Problems.class, "problems.properties").stringPropertyNames());
        assertThat(Problems.localized(Problems.invalid(List.of(Problems.FieldError.of("body", "check.required"))), Locale.forLanguageTag("pt-BR"))
                .getDetail()).isEqualTo("A requisição é inválida: body é obrigatório.");
    }

    @Test
    void everyCodeTheCodeUsesHasItsText() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (String source : sources(Path.of("src/main/java"))) {
            Matcher call = CALL.matcher(source.replaceAll("\\s+", " "));
            while (call.find()) {
                codes.add(call.group(1) != null ? call.group(1) : call.group(2));
            }
        }
        assertThat(codes).hasSizeGreaterThan(80);
        assertThat(load(Problems.class, "problems.properties").stringPropertyNames()).containsAll(codes);

        // The flow engine's, in its own module beside this one.
        Set<String> engineCodes = new TreeSet<>();
        for (String source : sources(Path.of("../flow-engine/src/main/java"))) {
            ENGINE_CODE.matcher(source).results().forEach(m -> engineCodes.add(m.group(1)));
        }
        assertThat(engineCodes).hasSizeGreaterThan(20);
        assertThat(load(ProblemText.class, "problems.properties").stringPropertyNames()).containsAll(engineCodes);
    }

    private static List<String> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<String> sources = new ArrayList<>();
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.add(Files.readString(file));
            }
            return sources;
        }
    }

    @Test
    void aProblemIsMadeInEnglishAndReadInTheReadersLanguage() {
        var missing = Problems.notFound("flow.not-found", "f-1");
        assertThat(missing.getBody().getDetail()).isEqualTo("There is no flow f-1 in this tenant.");
        assertThat(Problems.localized(missing, Locale.forLanguageTag("pt-BR")).getDetail()).isEqualTo("Não há fluxo f-1 neste tenant.");

        var invalid = Problems.invalid(List.of(Problems.FieldError.of("to", "period.to-before-from"),
                Problems.FieldError.of("items[1]", "text.too-long", 4096)));
        assertThat(invalid.getBody().getDetail()).isEqualTo("The request is invalid: to must be after from; items[1] must be at most 4,096 characters.");
        assertThat(Problems.localized(invalid, Locale.forLanguageTag("pt-BR")).getDetail())
                .isEqualTo("A requisição é inválida: to deve ser depois de from; items[1] deve ter no máximo 4.096 caracteres.");
        assertThat(invalid.getBody().getProperties().get("errors").toString()).contains("deve ter no máximo 4.096 caracteres");
        assertThat(Problems.localized(invalid, Locale.GERMAN).getDetail()).startsWith("The request is invalid:");

        assertThat(Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "template.parameters", "body", "welcome", 1, "{{1}}", 0)
                .getBody().getDetail()).isEqualTo("give the body of welcome 1 parameter ({{1}}), not 0");
        assertThat(Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "media.too-large", "image", 5242880L, 6000000L).getBody().getDetail())
                .isEqualTo("A image may have at most 5242880 bytes; this file has 6000000.");
    }

    private static Set<Integer> placeholders(String pattern) {
        Set<Integer> found = new TreeSet<>();
        PLACEHOLDER.matcher(pattern).results().forEach(m -> found.add(Integer.parseInt(m.group(1))));
        return found;
    }

    /** A bundle file beside this class. */
    private static Properties load(Class<?> beside, String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = beside.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
