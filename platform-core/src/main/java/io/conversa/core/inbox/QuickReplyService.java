package io.conversa.core.inbox;

import io.conversa.core.conversation.ConversationService;
import io.conversa.core.conversation.ConversationView;
import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import io.conversa.engine.Templates;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** The tenant's quick replies: kept by its members, filled in for a conversation when inserted. */
@Service
public class QuickReplyService {

    private final Transactions transactions;
    private final QuickReplyRepository replies;
    private final ConversationService conversations;

    QuickReplyService(Transactions transactions, QuickReplyRepository replies, ConversationService conversations) {
        this.transactions = transactions;
        this.replies = replies;
        this.conversations = conversations;
    }

    public List<QuickReply> list(Caller caller) {
        return transactions.inTenant(caller.tenantId(), () -> replies.list(caller.tenantId()));
    }

    public QuickReply create(Caller caller, QuickReply.Draft draft) {
        return transactions.inTenant(caller.tenantId(), () -> replies.insert(caller.tenantId(), draft, caller.userId())
                .orElseThrow(() -> taken(draft)));
    }

    public QuickReply update(Caller caller, UUID id, QuickReply.Draft draft) {
        try {
            return transactions.inTenant(caller.tenantId(), () -> replies.update(caller.tenantId(), id, draft)
                    .orElseThrow(() -> notFound(id)));
        } catch (DuplicateKeyException e) {
            throw taken(draft);
        }
    }

    public void delete(Caller caller, UUID id) {
        if (!transactions.inTenant(caller.tenantId(), () -> replies.delete(caller.tenantId(), id))) {
            throw notFound(id);
        }
    }

    /** The quick replies whose shortcut starts with {@code prefix}, filled in for the conversation. */
    public List<QuickReply> filledIn(Caller caller, UUID conversationId, String prefix) {
        ConversationView conversation = conversations.get(caller, conversationId);
        Map<String, Object> roots = Map.of("contact", conversation.contact(),
                "channel", Map.of("id", conversation.channelId().toString()));
        return list(caller).stream().filter(r -> r.shortcut().startsWith(prefix))
                .map(r -> new QuickReply(r.id(), r.shortcut(), Templates.render(r.body(), roots::get), r.updatedAt()))
                .toList();
    }

    private static RuntimeException taken(QuickReply.Draft draft) {
        return Problems.conflict("quick-reply.exists", draft.shortcut());
    }

    private static RuntimeException notFound(UUID id) {
        return Problems.notFound("quick-reply.not-found", id);
    }
}
