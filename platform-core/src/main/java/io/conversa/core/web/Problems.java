package io.conversa.core.web;

import io.conversa.engine.validation.ProblemText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * RFC 9457 problems the API answers with. Each says what is wrong; {@link #invalid} also says
 * where, as field paths in an {@code errors} member. Their texts are kept by code in the bundle
 * {@code io/conversa/core/web/problems} (English, Brazilian Portuguese; the flow engine's own
 * {@link ProblemText}s for problems of flows and messages): a problem is made in
 * English and {@link #localized localized} for whoever reads it (the API by Accept-Language, the
 * console by the member's language).
 */
public final class Problems {

    /** The problem texts, all read as MessageFormat patterns; no fallback to the machine's language. */
    private static final MessageSource TEXTS = bundle();

    private Problems() {
    }

    public static ErrorResponseException notFound(String code, Object... args) {
        return problem(HttpStatus.NOT_FOUND, code, args);
    }

    public static ErrorResponseException conflict(String code, Object... args) {
        return problem(HttpStatus.CONFLICT, code, args);
    }

    public static ErrorResponseException forbidden(String code, Object... args) {
        return problem(HttpStatus.FORBIDDEN, code, args);
    }

    public static ErrorResponseException invalid(String field, String code, Object... args) {
        return invalid(List.of(FieldError.of(field, code, args)));
    }

    /** A 400 naming every invalid field: in {@code detail} for people, in {@code errors} for programs. */
    public static ErrorResponseException invalid(List<FieldError> errors) {
        return new Invalid(errors);
    }

    public static ErrorResponseException problem(HttpStatus status, String code, Object... args) {
        Object[] arguments = arguments(args);
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, text(code, arguments, Locale.ENGLISH)), null,
                code, arguments);
    }

    /** The problem's body with its texts in {@code locale} (English where the bundle has no translation). */
    public static ProblemDetail localized(ErrorResponseException problem, Locale locale) {
        return problem.updateAndGetBody(TEXTS, locale);
    }

    /**
     * A failure nobody foresaw: says so, and names the correlation id under which it is logged,
     * so that support can find it.
     */
    static ProblemDetail unexpected(String correlationId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                text("unexpected", new String[] {correlationId}, Locale.ENGLISH));
        problem.setProperty("correlationId", correlationId);
        return problem;
    }

    static String text(String code, Object[] args, Locale locale) {
        return TEXTS.getMessage(code, args, locale);
    }

    /** Numbers stay numbers (a pattern may choose a plural by one); anything else is its text. */
    private static Object[] arguments(Object[] args) {
        return Arrays.stream(args).map(arg -> arg instanceof Number ? arg : String.valueOf(arg)).toArray();
    }

    private static MessageSource bundle() {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasenames("io.conversa.core.web.problems", ProblemText.BUNDLE);
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        bundle.setAlwaysUseMessageFormat(true);
        return bundle;
    }

    /** One invalid field: its path in the request body (e.g. {@code items[2].name}) and what is wrong, by code. */
    public record FieldError(String field, String code, List<Object> args) {

        /** Fails at once for a code the bundle lacks, not when the problem is shown. */
        public static FieldError of(String field, String code, Object... args) {
            Object[] arguments = arguments(args);
            text(code, arguments, Locale.ENGLISH);
            return new FieldError(field, code, List.of(arguments));
        }

        /** What the flow engine found wrong with a field (of a message, a node). */
        public static FieldError of(String field, ProblemText text) {
            return new FieldError(field, text.code(), text.args());
        }

        /** What a library said of the field (a JSON parser, Bean Validation), in its own words. */
        public static FieldError verbatim(String field, String message) {
            return of(field, "verbatim", message);
        }

        public String message(Locale locale) {
            return text(code, args.toArray(), locale);
        }
    }

    /** A 400 whose detail and errors are put together in the reader's language. */
    private static final class Invalid extends ErrorResponseException {

        private final List<FieldError> errors;

        Invalid(List<FieldError> errors) {
            super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatus(HttpStatus.BAD_REQUEST), null);
            this.errors = errors;
            describe(Locale.ENGLISH);
        }

        @Override
        public ProblemDetail updateAndGetBody(MessageSource messageSource, Locale locale) {
            describe(locale);
            return getBody();
        }

        private void describe(Locale locale) {
            getBody().setDetail(text("invalid", new String[] {errors.stream().map(e -> e.field() + " " + e.message(locale))
                    .collect(Collectors.joining("; "))}, locale));
            getBody().setProperty("errors", errors.stream().map(e -> new LocalizedFieldError(e.field(), e.message(locale))).toList());
        }
    }

    /** A field error as a reader sees it: where, and what is wrong. */
    public record LocalizedFieldError(String field, String message) {
    }
}
