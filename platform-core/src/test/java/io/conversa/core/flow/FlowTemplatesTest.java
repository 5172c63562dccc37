package io.conversa.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.engine.Flow;
import io.conversa.engine.Node;
import io.conversa.engine.validation.FlowValidator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every template of the gallery is a valid flow, the same flow in both languages. */
class FlowTemplatesTest {

    final FlowTemplates templates = new FlowTemplates();
    final FlowJson json = new FlowJson();

    @Test
    void everyTemplateIsAValidFlowInBothLanguages() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("pt-BR"))) {
            assertThat(templates.list(locale)).extracting(FlowTemplates.FlowTemplate::id)
                    .containsExactly("lead-capture", "order-status", "appointment", "faq-handoff", "opt-in");
            for (FlowTemplates.FlowTemplate template : templates.list(locale)) {
                Flow flow = json.read(template.document());
                assertThat(new FlowValidator().validate(flow)).as(template.id() + " " + locale).isEmpty();
                assertThat(template.name()).isEqualTo(flow.name()).isNotBlank();
                assertThat(template.description()).isNotBlank();
            }
        }
    }

    @Test
    void theTwoLanguagesDifferInTheirTextsOnly() {
        List<FlowTemplates.FlowTemplate> english = templates.list(Locale.ENGLISH);
        List<FlowTemplates.FlowTemplate> portuguese = templates.list(Locale.forLanguageTag("pt-BR"));
        for (int i = 0; i < english.size(); i++) {
            Flow en = json.read(english.get(i).document());
            Flow pt = json.read(portuguese.get(i).document());
            assertThat(pt.nodes().stream().map(Node::id).toList()).isEqualTo(en.nodes().stream().map(Node::id).toList());
            assertThat(pt.edges()).isEqualTo(en.edges());
            assertThat(portuguese.get(i).name()).isNotEqualTo(english.get(i).name());
        }
        assertThat(templates.list(Locale.forLanguageTag("pt-PT"))).isEqualTo(portuguese);
        assertThat(templates.list(Locale.GERMAN)).isEqualTo(english);
    }
}
