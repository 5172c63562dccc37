package io.conversa.core.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list: its items and, when more follow, the cursor of the next page (pass it as
 * {@code cursor}). Cursors are opaque to clients: the position of the last item, encoded.
 */
public record Page<T>(List<T> items, String next) {

    /** Keeps the first {@code limit} items; {@code position} gives the cursor after the last one kept. */
    public static <T> Page<T> of(List<T> fetchedOneMore, int limit, java.util.function.Function<T, List<String>> position) {
        if (fetchedOneMore.size() <= limit) {
            return new Page<>(fetchedOneMore, null);
        }
        List<T> items = fetchedOneMore.subList(0, limit);
        return new Page<>(List.copyOf(items), encode(position.apply(items.getLast())));
    }

    static String encode(List<String> parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor this API gave; anything else is a 400 naming the parameter. */
    public static List<String> decode(String cursor, int parts) {
        try {
            List<String> decoded = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1));
            if (decoded.size() == parts) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw Problems.invalid("cursor", "is not a cursor this list gave; pass the next value of the previous page");
    }
}
