package io.conversa.core.web;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list: its items and, when more follow, the cursor of the next page (pass it as
 * {@code cursor}). Lists are ordered by a time and an id; a cursor is the position of the last
 * item, opaque to clients.
 */
public record Page<T>(List<T> items, String next) {

    /** Where a list stands: after the item of this time and id. */
    public record Position(OffsetDateTime at, UUID id) {
    }

    /** Keeps the first {@code limit} of items fetched one beyond it; the next cursor is the last kept's position. */
    public static <T> Page<T> of(List<T> fetchedOneMore, int limit, Function<T, Position> position) {
        if (fetchedOneMore.size() <= limit) {
            return new Page<>(fetchedOneMore, null);
        }
        List<T> items = List.copyOf(fetchedOneMore.subList(0, limit));
        Position last = position.apply(items.getLast());
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding()
                .encodeToString((last.at() + "\n" + last.id()).getBytes(StandardCharsets.UTF_8)));
    }

    /** The position a cursor this API gave stands for; null for none (the first page); anything else is a 400. */
    public static Position after(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length == 2) {
                return new Position(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw Problems.invalid("cursor", "is not a cursor this list gave; pass the next value of the previous page");
    }
}
