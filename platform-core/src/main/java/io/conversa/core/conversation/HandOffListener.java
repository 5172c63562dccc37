package io.conversa.core.conversation;

import java.util.UUID;

/** Acts on a conversation a flow has just handed over to a person, in the transaction of the handoff. */
public interface HandOffListener {

    void handedOff(UUID tenantId, UUID channelId, UUID conversationId);
}
