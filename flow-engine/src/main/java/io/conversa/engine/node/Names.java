package io.conversa.engine.node;

import io.conversa.engine.Templates;
import java.util.regex.Pattern;

/** Flow variable names: what templates can refer to. */
public final class Names {

    public static final String RULE = "must start with a letter or _, then letters, digits or _, and not be "
            + String.join(", ", Templates.BUILT_IN_ROOTS);

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_]\\w{0,63}");

    private Names() {
    }

    public static boolean isVariable(String name) {
        return VARIABLE.matcher(name).matches() && !Templates.BUILT_IN_ROOTS.contains(name);
    }
}
