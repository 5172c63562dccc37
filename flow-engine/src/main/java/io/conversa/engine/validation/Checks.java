package io.conversa.engine.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Collects a node's field problems with short, uniform messages (by code: {@link ProblemText}). */
public final class Checks {

    private final List<FieldProblem> problems = new ArrayList<>();

    public Checks required(String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            problems.add(problem(field, "check.required"));
        }
        return this;
    }

    public Checks maxLength(String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            problems.add(problem(field, "check.too-long", max));
        }
        return this;
    }

    public Checks count(String field, Collection<?> values, int min, int max) {
        int size = values == null ? 0 : values.size();
        if (size < min || size > max) {
            problems.add(min == max ? problem(field, "check.count-exact", min) : problem(field, "check.count-range", min, max, size));
        }
        return this;
    }

    public <T> Checks unique(String field, List<T> values, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; values != null && i < values.size(); i++) {
            String k = key.apply(values.get(i));
            if (k != null && !seen.add(k)) {
                problems.add(problem(field + "[" + i + "]", "check.repeats", k));
            }
        }
        return this;
    }

    /** @param code what is wrong when not {@code ok}, in the bundle of {@link ProblemText} */
    public Checks check(boolean ok, String field, String code, Object... args) {
        if (!ok) {
            problems.add(problem(field, code, args));
        }
        return this;
    }

    public Checks add(String prefix, List<FieldProblem> nested) {
        nested.forEach(p -> problems.add(p.under(prefix)));
        return this;
    }

    private static FieldProblem problem(String field, String code, Object... args) {
        return new FieldProblem(field, ProblemText.of(code, args));
    }

    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }
}
