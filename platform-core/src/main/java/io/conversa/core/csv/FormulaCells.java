package io.conversa.core.csv;

/**
 * Cells of CSV files that people open in spreadsheets: a text starting with {@code = + - @}, a tab
 * or a carriage return would run there as a formula (CSV injection), so it is written with a
 * leading apostrophe, which spreadsheets show as text, and read back without it.
 */
public final class FormulaCells {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private FormulaCells() {
    }

    public static String escape(String value) {
        return value != null && !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    public static String unescape(String value) {
        return value.length() > 1 && value.charAt(0) == '\'' && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0 ? value.substring(1) : value;
    }
}
