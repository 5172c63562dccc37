package io.conversa.engine.node;

import io.conversa.engine.Templates;
import java.util.regex.Pattern;

/** Flow variable names: what templates can refer to. */
public final class Names {

    /** What a variable name must be, as a code of the problem texts (its argument: {@link #reserved()}). */
    public static final String RULE = "variable.name";

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_]\\w{0,63}");

    private Names() {
    }

    /** The names no variable may take. */
    public static String reserved() {
        return String.join(", ", Templates.BUILT_IN_ROOTS);
    }

    public static boolean isVariable(String name) {
        return VARIABLE.matcher(name).matches() && !Templates.BUILT_IN_ROOTS.contains(name);
    }
}
