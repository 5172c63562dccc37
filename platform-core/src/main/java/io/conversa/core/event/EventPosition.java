package io.conversa.core.event;

import java.util.Comparator;

/**
 * Where an event stands in the log: its transaction, then its id. Written {@code txid-id}; a
 * reader resumes after the last position it saw.
 */
public record EventPosition(long txid, long id) implements Comparable<EventPosition> {

    private static final Comparator<EventPosition> ORDER = Comparator.comparingLong(EventPosition::txid)
            .thenComparingLong(EventPosition::id);

    /** @throws IllegalArgumentException when the text is not a position */
    public static EventPosition parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        try {
            if (dash > 0) {
                return new EventPosition(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a position as events carry it, such as 7412-35");
    }

    @Override
    public int compareTo(EventPosition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return txid + "-" + id;
    }
}
