package io.conversa.core.inbox;

import io.conversa.core.conversation.HandOffListener;
import io.conversa.core.event.EventLog;
import io.conversa.core.event.EventType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Round-robin assignment: on a number that asks for it, a conversation a flow hands over goes to
 * the online member whose last automatic assignment is oldest. With no one online it waits,
 * unassigned, for someone to take it.
 */
@Component
class AutoAssignment implements HandOffListener {

    private final PresenceRepository presence;
    private final LiveChatRepository liveChat;
    private final EventLog events;
    private final Clock clock;

    AutoAssignment(PresenceRepository presence, LiveChatRepository liveChat, EventLog events, Clock clock) {
        this.presence = presence;
        this.liveChat = liveChat;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handedOff(UUID tenantId, UUID channelId, UUID conversationId) {
        boolean unassigned = liveChat.find(tenantId, conversationId).map(c -> c.getAssigneeId() == null).orElse(false);
        if (!unassigned || !presence.autoAssigns(tenantId, channelId)) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        presence.nextOnline(tenantId, now.minus(Presence.TIMEOUT), now).ifPresent(member -> {
            if (liveChat.assign(tenantId, conversationId, member, false)) {
                events.record(tenantId, EventType.CONVERSATION_ASSIGNED, conversationId,
                        Map.of("conversationId", conversationId, "assigneeId", member, "by", "auto-assignment"));
            }
        });
    }
}
