package io.conversa.core.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gallery of ready flows to start from, in English and Brazilian Portuguese: lead capture,
 * order status, appointment booking, FAQ with handoff, opt-in for offers. Each is a valid flow
 * document ({@code templates/<id>.<language>.json} beside this class); using one creates a draft.
 */
@Service
public class FlowTemplates {

    static final List<String> IDS = List.of("lead-capture", "order-status", "appointment", "faq-handoff", "opt-in");
    static final List<String> LANGUAGES = List.of("en", "pt-BR");

    /** @param document a flow document, as {@code POST /api/v1/flows} takes it */
    public record FlowTemplate(String id, String name, String description, JsonNode document) {
    }

    private final Map<String, List<FlowTemplate>> byLanguage;

    FlowTemplates() {
        JsonMapper json = JsonMapper.builder().build();
        byLanguage = LANGUAGES.stream().collect(Collectors.toMap(language -> language, language -> load(json, language)));
    }

    /** The gallery in this language: Portuguese for any Portuguese, else English. */
    public List<FlowTemplate> list(Locale locale) {
        return byLanguage.get(language(locale));
    }

    static String language(Locale locale) {
        return locale != null && locale.getLanguage().equals("pt") ? "pt-BR" : "en";
    }

    private static List<FlowTemplate> load(JsonMapper json, String language) {
        return IDS.stream().map(id -> {
            try (InputStream in = FlowTemplates.class.getResourceAsStream("templates/" + id + "." + language + ".json")) {
                JsonNode template = json.readTree(in);
                return new FlowTemplate(id, template.path("document").path("name").asString(),
                        template.path("description").asString(), template.path("document"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
