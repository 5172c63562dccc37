package io.conversa.web.components;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WhatsApp's message formatting as HTML, for previews: {@code *bold*}, {@code _italic_},
 * {@code ~strikethrough~}, {@code ```monospace```}; everything else escaped.
 */
public final class WhatsAppFormatting {

    private static final Pattern MONO = Pattern.compile("```(.+?)```", Pattern.DOTALL);
    private static final Pattern BOLD = Pattern.compile("(?<![\\w*])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![\\w*])");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w_])_(?=\\S)(.+?)(?<=\\S)_(?![\\w_])");
    private static final Pattern STRIKE = Pattern.compile("(?<![\\w~])~(?=\\S)(.+?)(?<=\\S)~(?![\\w~])");

    private WhatsAppFormatting() {
    }

    public static String toHtml(String text) {
        String html = escape(text == null ? "" : text);
        html = replace(MONO, html, "<code>", "</code>");
        html = replace(BOLD, html, "<b>", "</b>");
        html = replace(ITALIC, html, "<i>", "</i>");
        return replace(STRIKE, html, "<s>", "</s>");
    }

    private static String replace(Pattern pattern, String html, String open, String close) {
        Matcher matcher = pattern.matcher(html);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(open + match.group(1) + close));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
