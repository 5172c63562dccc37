package io.conversa.core.conversation;

import java.util.UUID;

/**
 * Which conversations a list shows; every field optional.
 *
 * @param status    {@code OPEN} or {@code CLOSED}
 * @param assignee  a member's id; with {@code unassigned}, none
 * @param handedOff only those a flow handed to a person and no one gave back yet
 * @param search    in the contact's name and phone and in the customer's messages
 */
public record ConversationFilter(String status, UUID assignee, boolean unassigned, UUID channelId, String label,
        boolean handedOff, String search) {

    public static final ConversationFilter ALL = new ConversationFilter(null, null, false, null, null, false, null);
}
