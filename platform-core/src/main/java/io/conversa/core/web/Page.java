package io.conversa.core.web;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a list: its items and, when more follow, the cursor of the next page (pass it as
 * {@code cursor}). A cursor is the position of the page's last item, opaque to clients: a time and
 * an id, or, for logs, a sequence number.
 */
public record Page<T>(List<T> items, String next) {

    /** Where a list stands: after the item of this time and id. */
    public record Position(OffsetDateTime at, UUID id) {
    }

    /** Keeps the first {@code limit} of items fetched one beyond it; the next cursor is the last kept's position. */
    public static <T> Page<T> of(List<T> fetchedOneMore, int limit, Function<T, Position> position) {
        return page(fetchedOneMore, limit, item -> position.apply(item).at() + "\n" + position.apply(item).id());
    }

    /** The same for lists ordered by a sequence number, highest first. */
    public static <T> Page<T> ofSequence(List<T> fetchedOneMore, int limit, ToLongFunction<T> sequence) {
        return page(fetchedOneMore, limit, item -> "#" + sequence.applyAsLong(item));
    }

    private static <T> Page<T> page(List<T> fetchedOneMore, int limit, Function<T, String> position) {
        if (fetchedOneMore.size() <= limit) {
            return new Page<>(fetchedOneMore, null);
        }
        List<T> items = List.copyOf(fetchedOneMore.subList(0, limit));
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(position.apply(items.getLast()).getBytes(StandardCharsets.UTF_8)));
    }

    /** The position a cursor this API gave stands for; null for none (the first page); anything else is a 400. */
    public static Position after(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = decode(cursor).split("\n", -1);
            if (parts.length == 2) {
                return new Position(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw invalid();
    }

    /** The sequence number a cursor of a log stands for; null for none (the first page); anything else is a 400. */
    public static Long afterSequence(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String decoded = decode(cursor);
            if (decoded.startsWith("#")) {
                return Long.parseLong(decoded.substring(1));
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw invalid();
    }

    private static String decode(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }

    private static RuntimeException invalid() {
        return Problems.invalid("cursor", "page.cursor");
    }
}
