package io.conversa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.engine.validation.FlowValidator;
import io.conversa.engine.validation.ValidationError;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FlowValidatorTest {

    final FlowValidator validator = new FlowValidator();

    @Test
    void aSoundFlowHasNoErrors() {
        assertThat(validate(FlowEngineTest.ORDER_FLOW)).isEmpty();
    }

    @Test
    void theStartMustNameANode() {
        assertThat(validate("""
                {"name": "x", "start": "nowhere", "nodes": [{"id": "a", "type": "end", "data": {}}]}
                """)).extracting(FlowValidatorTest::described).contains(error(null, "start", "names no node 'nowhere'"));
        assertThat(validate("""
                {"name": "x", "nodes": [{"id": "a", "type": "end", "data": {}}]}
                """)).extracting(ValidationError::field).contains("start");
    }

    @Test
    void incompleteNodesAreReportedNotCrashedOn() {
        List<ValidationError> errors = validate("""
                {"name": "x", "start": "a", "nodes": [
                  {"id": "a", "type": "message", "data": {}},
                  {"id": "b", "type": "set_variable", "data": {}},
                  {"id": "c", "type": "question", "data": {"variable": "x"}},
                  {"id": "d", "type": "condition", "data": {}},
                  {"id": "e", "type": "action", "data": {}},
                  {"id": "f", "type": "delay", "data": {}},
                  {"id": "g", "type": "jump", "data": {}},
                  {"id": "h", "type": "handoff", "data": {}}],
                 "edges": [{"id": "1", "source": "a", "target": "b"}, {"id": "2", "source": "b", "target": "c"},
                           {"id": "3", "source": "c", "target": "d"}, {"id": "4", "source": "d", "target": "e"},
                           {"id": "5", "source": "e", "target": "f"}, {"id": "6", "source": "f", "target": "g"},
                           {"id": "7", "source": "g", "target": "h"}]}
                """);

        assertThat(errors).extracting(FlowValidatorTest::described).contains(error("a", "message", "is required"));
        assertThat(errors).extracting(ValidationError::nodeId).contains("b", "c", "d", "e");
    }

    @Test
    void nodeIdsAreUnique() {
        assertThat(validate("""
                {"name": "x", "start": "a", "nodes": [{"id": "a", "type": "end", "data": {}}, {"id": "a", "type": "end", "data": {}}]}
                """)).extracting(FlowValidatorTest::described).contains(error("a", "id", "is used by another node"));
    }

    @Test
    void danglingDuplicateAndImpossibleEdgesAreNamed() {
        List<ValidationError> errors = validate("""
                {"name": "x", "start": "a", "nodes": [
                  {"id": "a", "type": "message", "data": {"message": {"type": "text", "body": "hi"}}},
                  {"id": "b", "type": "end", "data": {}}],
                 "edges": [{"id": "e1", "source": "a", "target": "b"},
                           {"id": "e2", "source": "a", "sourceHandle": "next", "target": "b"},
                           {"id": "e3", "source": "a", "sourceHandle": "yes", "target": "b"},
                           {"id": "e4", "source": "a", "target": "ghost"},
                           {"id": "e5", "source": "ghost", "target": "b"},
                           {"id": "e1", "source": "b", "target": "a"}]}
                """);

        assertThat(errors).extracting(FlowValidatorTest::described).contains(
                error("a", "edges[e2]", "is a second edge from 'next'"),
                error("a", "edges[e3]", "leaves from 'yes', which this message node does not have (it has next)"),
                error("a", "edges[e4]", "leads to no node 'ghost'"),
                error(null, "edges[4].source", "names no node 'ghost'"),
                error("b", "edges[e1]", "repeats the edge id 'e1'"));
    }

    @Test
    void unreachableNodesAreNamed() {
        assertThat(validate("""
                {"name": "x", "start": "a", "nodes": [{"id": "a", "type": "end", "data": {}}, {"id": "island", "type": "end", "data": {}}]}
                """)).extracting(FlowValidatorTest::described).containsExactly(error("island", null, "cannot be reached from the start node"));
    }

    @Test
    void whatsAppLimitsOnButtonsAndListsAreEnforced() {
        List<ValidationError> errors = validate("""
                {"name": "x", "start": "a", "nodes": [
                  {"id": "a", "type": "message", "data": {"message": {"type": "buttons", "body": "Pick",
                    "buttons": [{"id": "1", "title": "One"}, {"id": "2", "title": "Two"}, {"id": "3", "title": "Three"},
                                {"id": "4", "title": "A title much longer than twenty"}]}}},
                  {"id": "b", "type": "message", "data": {"message": {"type": "list", "body": "Choose", "button": "Menu",
                    "sections": [{"title": "All", "rows": [
                      {"id": "r1", "title": "1"}, {"id": "r2", "title": "2"}, {"id": "r3", "title": "3"}, {"id": "r4", "title": "4"},
                      {"id": "r5", "title": "5"}, {"id": "r6", "title": "6"}, {"id": "r7", "title": "7"}, {"id": "r8", "title": "8"},
                      {"id": "r9", "title": "9"}, {"id": "r10", "title": "10"}, {"id": "r1", "title": "11"}]}]}}}],
                 "edges": [{"id": "e", "source": "a", "target": "b"}]}
                """);

        assertThat(errors).extracting(FlowValidatorTest::described).contains(
                error("a", "message.buttons", "must have 1 to 3 entries, has 4"),
                error("a", "message.buttons[3].title", "is longer than 20 characters"),
                error("b", "message.rows", "must have 1 to 10 entries, has 11"),
                error("b", "message.rows[10]", "repeats 'r1'"));
    }

    @Test
    void aLoopThatNeverWaitsIsRefusedButOneThroughAQuestionIsFine() {
        assertThat(validate("""
                {"name": "x", "start": "a", "nodes": [
                  {"id": "a", "type": "set_variable", "data": {"assignments": [{"variable": "n", "value": "1"}]}},
                  {"id": "b", "type": "condition", "data": {"rules": [{"id": "again", "comparisons": [{"left": "{{n}}", "operator": "equals", "right": "1"}]}]}}],
                 "edges": [{"id": "e1", "source": "a", "target": "b"}, {"id": "e2", "source": "b", "sourceHandle": "again", "target": "a"}]}
                """)).extracting(ValidationError::message).anyMatch(m -> m.startsWith("is part of a loop that never waits"));

        assertThat(validate("""
                {"name": "x", "start": "q", "nodes": [
                  {"id": "q", "type": "question", "data": {"prompt": {"type": "text", "body": "Again?"}, "variable": "answer"}},
                  {"id": "b", "type": "condition", "data": {"rules": [{"id": "yes", "comparisons": [{"left": "{{answer}}", "operator": "equals", "right": "yes"}]}]}}],
                 "edges": [{"id": "e1", "source": "q", "target": "b"}, {"id": "e2", "source": "b", "sourceHandle": "yes", "target": "q"}]}
                """)).isEmpty();
    }

    @Test
    void templatesMayUseOnlyVariablesThatExist() {
        assertThat(validate("""
                {"name": "x", "start": "a", "nodes": [
                  {"id": "a", "type": "message", "data": {"message": {"type": "text", "body": "Hi {{contact.name}}, your {{ordr.id}}"}}}]}
                """)).extracting(FlowValidatorTest::described).containsExactly(error("a", "message.body", "uses {{ordr.id}}, but no node sets 'ordr'"));
    }

    @Test
    void nodeConfigurationIsChecked() {
        List<ValidationError> errors = validate("""
                {"name": "x", "start": "q", "nodes": [
                  {"id": "q", "type": "question", "data": {"prompt": {"type": "text", "body": "Code?"}, "variable": "contact",
                    "validation": {"kind": "regex", "pattern": "[0-9"}}},
                  {"id": "d", "type": "delay", "data": {"seconds": 0}},
                  {"id": "m", "type": "message", "data": {"message": {"type": "image", "caption": "no source"}}}],
                 "edges": [{"id": "e1", "source": "q", "target": "d"}, {"id": "e2", "source": "d", "target": "m"}]}
                """);

        assertThat(errors).extracting(e -> e.nodeId() + " " + e.field()).containsExactlyInAnyOrder(
                "q variable", "q validation.pattern", "d seconds", "m message.link");
    }

    /** An error as the builder shows it in English. */
    private static String described(ValidationError error) {
        return error.nodeId() + " | " + error.field() + " | " + error.message();
    }

    private static String error(String nodeId, String field, String message) {
        return nodeId + " | " + field + " | " + message;
    }

    @Test
    void errorsReadInPortugueseToo() {
        ValidationError unreachable = validate("""
                {"name": "x", "start": "a", "nodes": [{"id": "a", "type": "end", "data": {}}, {"id": "island", "type": "end", "data": {}}]}
                """).getFirst();
        assertThat(unreachable.code()).isEqualTo("flow.unreachable");
        assertThat(unreachable.message(Locale.forLanguageTag("pt-BR"))).isEqualTo("não pode ser alcançado a partir do passo inicial");
        assertThat(unreachable.message(Locale.GERMAN)).isEqualTo("cannot be reached from the start node");
    }

    private List<ValidationError> validate(String json) {
        return validator.validate(Flows.parse(json));
    }
}
