package io.conversa.core.conversation;

/**
 * This process's sender, asked by a step before it stores its messages leased for it (see
 * {@link OutgoingMessagesQueued}). A message handed over is under a lease only this process's
 * sender keeps; under a burst it must not wait behind more than the sender starts soon, nor jump
 * ahead of messages already waiting in the outbox: those are left to any sender's lease, in order.
 */
public interface HandOverRoom {

    /** How many more conversations' messages the sender would start soon, ahead of nothing waiting longer (0: none). */
    int conversations();
}
