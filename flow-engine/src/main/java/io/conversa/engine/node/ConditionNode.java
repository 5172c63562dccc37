package io.conversa.engine.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Follows the first rule that holds, by its id as handle, or {@code else}. Built without code. */
public record ConditionNode(List<Rule> rules) implements NodeData {

    /** A missing list is an empty one: checks say what it lacks, and nothing trips over a null. */
    public ConditionNode {
        rules = rules == null ? List.of() : rules;
    }

    public static final String ELSE = "else";

    /** A rule holds when all (or any) of its comparisons do. */
    public record Rule(String id, Match match, List<Comparison> comparisons) {
        public Rule {
            comparisons = comparisons == null ? List.of() : comparisons;
        }

        boolean holds(Execution execution) {
            return match == Match.ANY
                    ? comparisons.stream().anyMatch(c -> c.holds(execution))
                    : comparisons.stream().allMatch(c -> c.holds(execution));
        }
    }

    public enum Match {
        @JsonProperty("all") ALL,
        @JsonProperty("any") ANY
    }

    /** {@code left} and {@code right} are templates; text comparisons ignore case and surrounding spaces. */
    public record Comparison(String left, Operator operator, String right) {

        boolean holds(Execution execution) {
            String l = execution.render(left).strip();
            String r = right == null ? "" : execution.render(right).strip();
            return switch (operator) {
                case EQUALS -> l.equalsIgnoreCase(r);
                case NOT_EQUALS -> !l.equalsIgnoreCase(r);
                case CONTAINS -> l.toLowerCase().contains(r.toLowerCase());
                case STARTS_WITH -> l.toLowerCase().startsWith(r.toLowerCase());
                case ENDS_WITH -> l.toLowerCase().endsWith(r.toLowerCase());
                case MATCHES -> matches(l, r);
                case GREATER_THAN -> compare(l, r) > 0;
                case LESS_THAN -> compare(l, r) < 0;
                case IS_EMPTY -> l.isEmpty();
                case IS_NOT_EMPTY -> !l.isEmpty();
            };
        }

        /** A pattern that a variable made invalid matches nothing, rather than failing the step. */
        private static boolean matches(String text, String pattern) {
            try {
                return Pattern.compile(pattern).matcher(text).find();
            } catch (PatternSyntaxException e) {
                return false;
            }
        }

        /** Numbers compare as numbers; anything else is neither greater nor less. */
        private static int compare(String left, String right) {
            try {
                return new BigDecimal(left.replace(',', '.')).compareTo(new BigDecimal(right.replace(',', '.')));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    public enum Operator {
        @JsonProperty("equals") EQUALS,
        @JsonProperty("not_equals") NOT_EQUALS,
        @JsonProperty("contains") CONTAINS,
        @JsonProperty("starts_with") STARTS_WITH,
        @JsonProperty("ends_with") ENDS_WITH,
        @JsonProperty("matches") MATCHES,
        @JsonProperty("greater_than") GREATER_THAN,
        @JsonProperty("less_than") LESS_THAN,
        @JsonProperty("is_empty") IS_EMPTY,
        @JsonProperty("is_not_empty") IS_NOT_EMPTY
    }

    @Override
    public Outcome enter(Execution execution) {
        return rules.stream().filter(rule -> rule.holds(execution)).findFirst()
                .<Outcome>map(rule -> new Outcome.Next(rule.id()))
                .orElseGet(() -> new Outcome.Next(ELSE));
    }

    @Override
    public List<String> handles() {
        List<String> handles = new ArrayList<>();
        rules.forEach(rule -> handles.add(rule.id()));
        handles.add(ELSE);
        return handles;
    }

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public List<OutgoingMessage.Field> templates() {
        List<OutgoingMessage.Field> fields = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            List<Comparison> comparisons = rules.get(r).comparisons();
            for (int c = 0; comparisons != null && c < comparisons.size(); c++) {
                String at = "rules[" + r + "].comparisons[" + c + "]";
                fields.add(new OutgoingMessage.Field(at + ".left", comparisons.get(c).left()));
                if (comparisons.get(c).right() != null) {
                    fields.add(new OutgoingMessage.Field(at + ".right", comparisons.get(c).right()));
                }
            }
        }
        return fields;
    }

    @Override
    public List<FieldProblem> check() {
        Checks checks = new Checks().count("rules", rules, 1, 50).unique("rules", rules, Rule::id);
        for (int r = 0; rules != null && r < rules.size(); r++) {
            Rule rule = rules.get(r);
            String at = "rules[" + r + "]";
            checks.required(at + ".id", rule.id())
                    .check(!ELSE.equals(rule.id()), at + ".id", "condition.else")
                    .count(at + ".comparisons", rule.comparisons(), 1, 20);
            for (int c = 0; rule.comparisons() != null && c < rule.comparisons().size(); c++) {
                Comparison comparison = rule.comparisons().get(c);
                String cAt = at + ".comparisons[" + c + "]";
                checks.required(cAt + ".left", comparison.left()).required(cAt + ".operator", comparison.operator());
                if (comparison.operator() == Operator.MATCHES && comparison.right() != null) {
                    try {
                        Pattern.compile(comparison.right());
                    } catch (PatternSyntaxException e) {
                        checks.check(false, cAt + ".right", "check.regex", e.getDescription());
                    }
                }
            }
        }
        return checks.problems();
    }
}
