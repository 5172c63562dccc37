package io.conversa.web.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.flow.FlowJson;
import io.conversa.engine.validation.ProblemText;
import io.conversa.engine.validation.ValidationError;
import io.conversa.web.components.WhatsAppFormatting;
import io.conversa.web.i18n.Texts;
import io.conversa.web.i18n.Translations;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The builder's operations on a flow document, without a browser. */
class FlowDraftTest {

    private static final Texts ENGLISH = Texts.of(new Translations(), Locale.ENGLISH);

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static FlowDraft empty() {
        return new FlowDraft(new FlowJson(), JSON.readTree("{\"name\": \"Test\", \"start\": \"\", \"nodes\": [], \"edges\": []}"));
    }

    @Test
    void addedNodesGetFreshIdsAndTheFirstStartsTheFlow() {
        FlowDraft draft = empty();

        String first = draft.add("message", 0, 0, ENGLISH);
        String second = draft.add("message", 0, 140, ENGLISH);
        String question = draft.add("question", 0, 280, ENGLISH);

        assertThat(List.of(first, second, question)).containsExactly("message1", "message2", "question1");
        assertThat(draft.start()).isEqualTo("message1");
        assertThat(draft.data("question1").path("variable").asString()).isEqualTo("answer");
    }

    @Test
    void aHandleHasOneEdgeAndANodeCannotConnectToItself() {
        FlowDraft draft = empty();
        draft.add("message", 0, 0, ENGLISH);
        draft.add("message", 0, 100, ENGLISH);
        draft.add("message", 0, 200, ENGLISH);

        draft.connect("message1", "next", "message2");
        draft.connect("message1", "next", "message3");
        draft.connect("message2", "next", "message2");

        FlowCanvas.Graph graph = draft.graph(ENGLISH, Locale.ENGLISH, List.of(), Set.of(), null, 0);
        assertThat(graph.edges()).singleElement().satisfies(edge -> {
            assertThat(edge.source()).isEqualTo("message1");
            assertThat(edge.target()).isEqualTo("message3");
        });
    }

    @Test
    void deletingANodeRemovesItsEdgesAndMovesTheStart() {
        FlowDraft draft = empty();
        draft.add("message", 0, 0, ENGLISH);
        draft.add("question", 0, 100, ENGLISH);
        draft.connect("message1", "next", "question1");

        draft.delete(List.of("message1"), List.of());

        assertThat(draft.start()).isEqualTo("question1");
        assertThat(draft.graph(ENGLISH, Locale.ENGLISH, List.of(), Set.of(), null, 0).edges()).isEmpty();
    }

    @Test
    void pasteCopiesNodesAndTheEdgesBetweenThem() {
        FlowDraft draft = empty();
        draft.add("message", 0, 0, ENGLISH);
        draft.add("question", 0, 100, ENGLISH);
        draft.connect("message1", "next", "question1");

        List<String> copies = draft.paste(List.of("message1", "question1"));

        assertThat(copies).containsExactly("message2", "question2");
        FlowCanvas.Graph graph = draft.graph(ENGLISH, Locale.ENGLISH, List.of(), Set.of(), null, 0);
        assertThat(graph.edges()).extracting(e -> e.source() + "->" + e.target())
                .containsExactlyInAnyOrder("message1->question1", "message2->question2");
        assertThat(graph.nodes()).filteredOn(n -> n.id().equals("question2")).singleElement()
                .satisfies(n -> assertThat(n.y()).isEqualTo(140));
    }

    @Test
    void undoAndRedoWalkTheHistory() {
        FlowDraft draft = empty();
        draft.add("message", 0, 0, ENGLISH);
        draft.move("message1", 50, 60);
        draft.move("message1", 50, 60);

        draft.undo();
        assertThat(draft.document().path("nodes").get(0).path("position").path("x").asDouble()).isZero();
        draft.undo();
        assertThat(draft.document().path("nodes").isEmpty()).isTrue();
        assertThat(draft.canUndo()).isFalse();
        draft.redo();
        draft.redo();
        assertThat(draft.document().path("nodes").get(0).path("position").path("x").asDouble()).isEqualTo(50);
        assertThat(draft.canRedo()).isFalse();
    }

    @Test
    void theGraphShowsHandlesPreviewsProblemsStartAndTheActiveNode() {
        FlowDraft draft = empty();
        draft.add("question", 0, 0, ENGLISH);
        draft.add("condition", 0, 100, ENGLISH);
        draft.setTriggers(List.of(" pizza ", "", "order"), true);

        FlowCanvas.Graph graph = draft.graph(ENGLISH, Locale.ENGLISH, List.of(new ValidationError("condition1",
                "rules[0].comparisons[0].left", ProblemText.of("flow.unknown-variable", "{{answer}}", "answer"))), Set.of("question1"), "condition1", 3);

        assertThat(graph.fit()).isEqualTo(3);
        assertThat(graph.nodes()).satisfiesExactly(question -> {
            assertThat(question.data().handles()).containsExactly("next", "invalid", "timeout");
            assertThat(question.data().preview()).isEqualTo("What would you like?\n→ {{answer}}");
            assertThat(question.data().start()).isTrue();
            assertThat(question.selected()).isTrue();
        }, condition -> {
            assertThat(condition.data().handles()).containsExactly("yes", "else");
            assertThat(condition.data().preview()).isEqualTo("yes: {{answer}} equals yes");
            assertThat(condition.data().problems()).containsExactly("rules[0].comparisons[0].left: uses {{answer}}, but no node sets 'answer'");
            assertThat(condition.data().active()).isTrue();
        });
        assertThat(draft.keywords()).containsExactly("pizza", "order");
        assertThat(draft.isDefaultFlow()).isTrue();
    }

    @Test
    void whatsAppFormattingIsPreviewedAndEverythingElseEscaped() {
        assertThat(WhatsAppFormatting.toHtml("*Hi* _there_ ~old~ ```code``` <script>alert(1)</script> 2*3*4"))
                .isEqualTo("<b>Hi</b> <i>there</i> <s>old</s> <code>code</code> &lt;script&gt;alert(1)&lt;/script&gt; 2*3*4");
    }
}
