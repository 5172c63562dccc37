package io.conversa.core.conversation;

import java.util.List;

/**
 * Published inside the transaction that added messages to the outbox; senders listen after
 * its commit, so a reply leaves at once instead of at the next poll.
 *
 * @param handedOver messages stored already leased, in order, for this process's sender to send
 *                   (when it cannot, their lease runs out and any sender leases them again)
 */
public record OutgoingMessagesQueued(List<LeasedMessage> handedOver) {

    public OutgoingMessagesQueued() {
        this(List.of());
    }
}
