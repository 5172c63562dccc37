package io.conversa.web.inbox;

import io.conversa.core.conversation.ConversationView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What needs an agent: conversations a flow handed over that no one has taken, and the customer's
 * unread messages in the agent's own. Each look says what is new since the one before, which the
 * inbox announces with a sound and a desktop notification.
 */
class Attention {

    private Map<UUID, Integer> needing = Map.of();
    private boolean looked;

    /**
     * @param waiting handed over and not taken
     * @param mine    the agent's own open conversations
     * @return those that are new, or have new messages, since the last look (none on the first)
     */
    List<ConversationView> look(List<ConversationView> waiting, List<ConversationView> mine) {
        Map<UUID, Integer> now = new HashMap<>();
        List<ConversationView> all = new ArrayList<>(waiting);
        all.addAll(mine.stream().filter(c -> c.unread() > 0).toList());
        all.forEach(c -> now.merge(c.id(), Math.max(c.unread(), 1), Math::max));
        List<ConversationView> fresh = looked ? all.stream()
                .filter(c -> now.get(c.id()) > needing.getOrDefault(c.id(), 0)).distinct().toList() : List.of();
        needing = now;
        looked = true;
        return fresh;
    }

    /** How many conversations need the agent now. */
    int count() {
        return needing.size();
    }
}
