package io.conversa.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{variable}}} templates. A path's first segment is {@code contact}, {@code message},
 * {@code channel} or a flow variable; further segments walk into maps and lists
 * ({@code {{order.items.0.name}}}). A missing value renders as nothing.
 */
public final class Templates {

    /** The roots every flow can read, besides its own variables. */
    public static final List<String> BUILT_IN_ROOTS = List.of("contact", "message", "channel", "business");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][\\w]*(?:\\.[\\w-]+)*)\\s*}}");

    private Templates() {
    }

    public static String render(String template, Function<String, Object> lookup) {
        if (template == null || template.indexOf("{{") < 0) {
            return template;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 16);
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(text(resolve(matcher.group(1), lookup))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The path of a template that is nothing but one placeholder ({@code "{{order.total}}"}), else null. */
    public static String wholePlaceholder(String template) {
        if (template == null || !template.startsWith("{{")) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** The variable paths a template reads, in order. */
    public static List<String> references(String template) {
        List<String> paths = new ArrayList<>();
        if (template != null) {
            Matcher matcher = PLACEHOLDER.matcher(template);
            while (matcher.find()) {
                paths.add(matcher.group(1));
            }
        }
        return paths;
    }

    public static String root(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** Follows a dotted path from the root value {@code lookup} gives. */
    public static Object resolve(String path, Function<String, Object> lookup) {
        String[] segments = path.split("\\.");
        Object value = lookup.apply(segments[0]);
        for (int i = 1; i < segments.length && value != null; i++) {
            value = child(value, segments[i]);
        }
        return value;
    }

    private static Object child(Object value, String segment) {
        if (value instanceof Map<?, ?> map) {
            return map.get(segment);
        }
        if (value instanceof List<?> list && segment.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
