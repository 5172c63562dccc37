package io.conversa.core.conversation;

/**
 * This process's sender, asked by a step before it stores its messages leased for it (see
 * {@link OutgoingMessagesQueued}). A message handed over is under a lease only this process's
 * sender keeps, so under a burst it must not wait behind more than the sender starts soon: the
 * rest are left in the outbox, unleased, for any sender to lease in order.
 */
public interface HandOverRoom {

    /** Whether the sender would start messages handed over now soon. */
    boolean hasRoom();
}
