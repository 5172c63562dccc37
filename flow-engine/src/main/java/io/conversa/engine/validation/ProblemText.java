package io.conversa.engine.validation;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What is wrong, as a code of the bundle {@code io/conversa/engine/validation/problems} (English,
 * Brazilian Portuguese; MessageFormat patterns) and its arguments: read in the reader's language.
 */
public record ProblemText(String code, List<Object> args) {

    public static final String BUNDLE = "io.conversa.engine.validation.problems";

    /** Fails at once for a code the bundle lacks, not when the problem is shown. */
    public static ProblemText of(String code, Object... args) {
        ProblemText text = new ProblemText(code, Arrays.stream(args).map(a -> a instanceof Number ? a : String.valueOf(a)).toList());
        text.in(Locale.ENGLISH);
        return text;
    }

    public String in(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new MessageFormat(bundle.getString(code), locale).format(args.toArray());
    }
}
