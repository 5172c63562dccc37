package io.conversa.engine.node;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What counts as an answer to a question. {@link #accept} gives the value to store, or nothing
 * when the answer is invalid.
 */
public record AnswerValidation(Kind kind, BigDecimal min, BigDecimal max, String pattern, List<String> choices) {

    /** A missing list is an empty one: checks say what it lacks, and nothing trips over a null. */
    public AnswerValidation {
        choices = choices == null ? List.of() : choices;
    }

    public static final AnswerValidation ANY_TEXT = new AnswerValidation(Kind.TEXT, null, null, null, null);

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()-]{5,20}[0-9]$");
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu"), DateTimeFormatter.ofPattern("d.M.uuuu"));

    public enum Kind {
        @JsonProperty("text") TEXT,
        @JsonProperty("number") NUMBER,
        @JsonProperty("email") EMAIL,
        @JsonProperty("phone") PHONE,
        @JsonProperty("date") DATE,
        @JsonProperty("regex") REGEX,
        @JsonProperty("choice") CHOICE
    }

    public Optional<Object> accept(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        String value = answer.strip();
        return switch (kind == null ? Kind.TEXT : kind) {
            case TEXT -> lengthOk(value) ? Optional.of(value) : Optional.empty();
            case NUMBER -> number(value);
            case EMAIL -> EMAIL.matcher(value).matches() ? Optional.of(value.toLowerCase()) : Optional.empty();
            case PHONE -> PHONE.matcher(value).matches()
                    ? Optional.of(value.replaceAll("[ ()-]", "")) : Optional.empty();
            case DATE -> date(value);
            case REGEX -> Pattern.compile(pattern).matcher(value).matches() ? Optional.of(value) : Optional.empty();
            case CHOICE -> choices.stream().filter(choice -> choice.strip().equalsIgnoreCase(value))
                    .<Object>map(String::strip).findFirst();
        };
    }

    public List<FieldProblem> check() {
        Checks checks = new Checks();
        if (min != null && max != null) {
            checks.check(min.compareTo(max) <= 0, "min", "validation.min-above-max");
        }
        if (kind == Kind.REGEX) {
            checks.required("pattern", pattern);
            if (pattern != null) {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    checks.check(false, "pattern", "check.regex", e.getDescription());
                }
            }
        }
        if (kind == Kind.CHOICE) {
            checks.count("choices", choices, 1, 100);
        }
        return checks.problems();
    }

    /** For text, min and max bound the length. */
    private boolean lengthOk(String value) {
        int length = value.codePointCount(0, value.length());
        return (min == null || length >= min.intValue()) && (max == null || length <= max.intValue());
    }

    private Optional<Object> number(String value) {
        try {
            BigDecimal number = new BigDecimal(value.replace(',', '.'));
            boolean inRange = (min == null || number.compareTo(min) >= 0) && (max == null || number.compareTo(max) <= 0);
            return inRange ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> date(String value) {
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.parse(value, format).toString());
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }
}
