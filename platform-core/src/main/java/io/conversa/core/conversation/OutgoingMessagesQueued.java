package io.conversa.core.conversation;

/**
 * Published inside the transaction that added messages to the outbox; senders listen after
 * its commit, so a reply leaves at once instead of at the next poll.
 */
public record OutgoingMessagesQueued() {
}
