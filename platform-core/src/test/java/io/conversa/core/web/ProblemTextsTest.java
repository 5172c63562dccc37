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

/** Every refusal has its text in English and Brazilian Portuguese, with the same placeholders, and is shown in the reader's language. */
class ProblemTextsTest {

    static final Pattern CALL = Pattern.compile(
            "Problems\\.(?:notFound|conflict|forbidden|problem|invalid)\\((?:HttpStatus\\.\\w+, |[^,()]+(?:\\([^()]*\\))?[^,()]*, )?\"([a-z][a-z0-9.-]*)\"|FieldError\\.of\\([^,]+, \"([a-z][a-z0-9.-]*)\"");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    @Test
    void bothLanguagesHaveEveryTextWithTheSamePlaceholders() throws IOException {
        Properties english = load("problems.properties");
        Properties portuguese = load("problems_pt_BR.properties");
        assertThat(portuguese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        for (String code : english.stringPropertyNames()) {
            assertThat(placeholders(portuguese.getProperty(code))).as(code).isEqualTo(placeholders(english.getProperty(code)));
            new MessageFormat(english.getProperty(code), Locale.ENGLISH);
            new MessageFormat(portuguese.getProperty(code), Locale.forLanguageTag("pt-BR"));
        }
    }

    @Test
    void theFlowEnginesTextsAndThePlatformsHaveNoCodeInCommon() throws IOException {
        Properties engine = new Properties();
        try (InputStream in = ProblemText.class.getResourceAsStream("problems.properties")) {
            engine.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(engine.stringPropertyNames()).doesNotContainAnyElementsOf(load("problems.properties").stringPropertyNames());
        assertThat(Problems.localized(Problems.invalid(List.of(Problems.FieldError.of("body", "check.required"))), Locale.forLanguageTag("pt-BR"))
                .getDetail()).isEqualTo("A requisição é inválida: body é obrigatório.");
    }

    @Test
    void everyCodeTheCodeUsesHasItsText() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher call = CALL.matcher(Files.readString(source).replaceAll("\\s+", " "));
                while (call.find()) {
                    codes.add(call.group(1) != null ? call.group(1) : call.group(2));
                }
            }
        }
        assertThat(codes).hasSizeGreaterThan(80);
        assertThat(load("problems.properties").stringPropertyNames()).containsAll(codes);
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

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProblemTextsTest.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
