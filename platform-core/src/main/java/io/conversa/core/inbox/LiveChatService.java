package io.conversa.core.inbox;

import io.conversa.core.conversation.ConversationService;
import io.conversa.core.conversation.ConversationView;
import io.conversa.core.conversation.OutgoingMessages;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.ConversationsRecord;
import io.conversa.core.event.EventLog;
import io.conversa.core.event.EventType;
import io.conversa.core.flow.FlowJson;
import io.conversa.core.idempotency.IdempotencyKeys;
import io.conversa.core.security.Caller;
import io.conversa.core.template.TemplateService;
import io.conversa.core.tenant.Role;
import io.conversa.core.user.UserRepository;
import io.conversa.core.web.Problems;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Template;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What agents do with a conversation: take or assign it (never two owners), write to the customer
 * through the outbox, leave notes, label, close and reopen it. Every change is an event.
 */
@Service
public class LiveChatService {

    private final Transactions transactions;
    private final LiveChatRepository liveChat;
    private final ConversationService conversations;
    private final OutgoingMessages outgoing;
    private final IdempotencyKeys idempotency;
    private final UserRepository users;
    private final EventLog events;
    private final FlowJson flowJson;
    private final TemplateService templates;
    private final Clock clock;

    LiveChatService(Transactions transactions, LiveChatRepository liveChat, ConversationService conversations,
            OutgoingMessages outgoing, IdempotencyKeys idempotency, UserRepository users, EventLog events, FlowJson flowJson,
            TemplateService templates, Clock clock) {
        this.templates = templates;
        this.transactions = transactions;
        this.liveChat = liveChat;
        this.conversations = conversations;
        this.outgoing = outgoing;
        this.idempotency = idempotency;
        this.users = users;
        this.events = events;
        this.flowJson = flowJson;
        this.clock = clock;
    }

    /**
     * Gives the conversation to a member ({@code assignee}; null: the caller). Agents take
     * conversations for themselves, and only one that no one else has; owners and admins assign
     * anyone's.
     */
    public ConversationView assign(Caller caller, UUID id, UUID assignee) {
        UUID member = assignee != null ? assignee : caller.userId();
        if (member == null) {
            throw Problems.invalid("assigneeId", "inbox.assignee-required");
        }
        boolean manager = caller.role() == Role.OWNER || caller.role() == Role.ADMIN;
        if (!manager && !member.equals(caller.userId())) {
            throw Problems.forbidden("inbox.assign-others");
        }
        return transactions.inTenant(caller.tenantId(), () -> {
            ConversationsRecord conversation = find(caller, id);
            if (users.member(caller.tenantId(), member).isEmpty()) {
                throw Problems.invalid("assigneeId", "inbox.not-a-member");
            }
            if (!liveChat.assign(caller.tenantId(), id, member, manager)) {
                throw users.member(caller.tenantId(), conversation.getAssigneeId())
                        .map(m -> Problems.conflict("inbox.taken", m.name(), m.email()))
                        .orElseGet(() -> Problems.conflict("inbox.taken-by-someone"));
            }
            record(caller, EventType.CONVERSATION_ASSIGNED, id, Map.of("assigneeId", member));
            return view(caller, id);
        });
    }

    public ConversationView unassign(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> {
            ConversationsRecord conversation = find(caller, id);
            boolean manager = caller.role() == Role.OWNER || caller.role() == Role.ADMIN;
            if (conversation.getAssigneeId() != null && !manager && !conversation.getAssigneeId().equals(caller.userId())) {
                throw Problems.forbidden("inbox.unassign-others");
            }
            liveChat.unassign(caller.tenantId(), id);
            record(caller, EventType.CONVERSATION_ASSIGNED, id, Map.of("assigneeId", "none"));
            return view(caller, id);
        });
    }

    public ConversationView close(Caller caller, UUID id) {
        return setStatus(caller, id, "CLOSED", EventType.CONVERSATION_CLOSED);
    }

    public ConversationView reopen(Caller caller, UUID id) {
        return setStatus(caller, id, "OPEN", EventType.CONVERSATION_REOPENED);
    }

    private ConversationView setStatus(Caller caller, UUID id, String status, EventType type) {
        return transactions.inTenant(caller.tenantId(), () -> {
            ConversationsRecord conversation = find(caller, id);
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (liveChat.setStatus(caller.tenantId(), id, status, now)) {
                Map<String, Object> data = new LinkedHashMap<>();
                if (type == EventType.CONVERSATION_CLOSED && conversation.getHandedOffAt() != null) {
                    data.put("resolutionSeconds", Duration.between(conversation.getHandedOffAt(), now).toSeconds());
                }
                record(caller, type, id, data);
            }
            return view(caller, id);
        });
    }

    public ConversationView label(Caller caller, UUID id, List<String> labels) {
        List<String> cleaned = labels.stream().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
        return transactions.inTenant(caller.tenantId(), () -> {
            find(caller, id);
            liveChat.setLabels(caller.tenantId(), id, cleaned);
            return view(caller, id);
        });
    }

    public Note addNote(Caller caller, UUID id, String body) {
        return transactions.inTenant(caller.tenantId(), () -> {
            find(caller, id);
            Note note = liveChat.addNote(caller.tenantId(), id, caller.userId(), body.strip());
            record(caller, EventType.NOTE_ADDED, id, Map.of("noteId", note.id(), "body", note.body()));
            return note;
        });
    }

    public List<Note> notes(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> {
            find(caller, id);
            return liveChat.notes(caller.tenantId(), id);
        });
    }

    /** An answer from a person: queued in the conversation's outbox, once per idempotency key. */
    public IdempotencyKeys.Outcome<OutgoingMessages.Queued> send(Caller caller, UUID id, JsonNode body, String idempotencyKey) {
        if (!(body instanceof ObjectNode request)) {
            throw Problems.invalid("body", "json.not-an-object");
        }
        String replyTo = request.path("replyTo").isString() ? request.path("replyTo").asString() : null;
        ObjectNode content = request.deepCopy();
        content.remove("replyTo");
        OutgoingMessage message = flowJson.readValidMessage(content);
        if (message instanceof Template template) {
            templates.checkSendable(caller, view(caller, id).channelId(), template);
        }
        return transactions.inTenant(caller.tenantId(), () -> idempotency.once(caller.tenantId(), idempotencyKey,
                "POST /api/v1/conversations/" + id + "/messages " + body, OutgoingMessages.Queued.class, () -> {
                    find(caller, id);
                    OutgoingMessages.Queued queued = outgoing.queueIn(caller.tenantId(), id, message, replyTo,
                            caller.userId() == null ? OutgoingMessages.Origin.API : OutgoingMessages.Origin.AGENT, caller.userId());
                    liveChat.firstResponse(caller.tenantId(), id, OffsetDateTime.now(clock));
                    return queued;
                }));
    }

    /** Marks the customer's latest message read; with {@code typing}, shows them "typing..." too. */
    public void markRead(Caller caller, UUID id, boolean typing) {
        transactions.inTenant(caller.tenantId(), () -> {
            find(caller, id);
            conversations.seen(caller, id);
            liveChat.lastCustomerMessage(caller.tenantId(), id).ifPresent(message ->
                    outgoing.markRead(caller.tenantId(), id, message, typing));
            return null;
        });
    }

    private void record(Caller caller, EventType type, UUID id, Map<String, Object> data) {
        Map<String, Object> all = new LinkedHashMap<>(data);
        all.put("conversationId", id);
        all.put("by", caller.userId() != null ? caller.userId().toString() : "api-key:" + caller.apiKeyId());
        events.record(caller.tenantId(), type, id, all);
    }

    private ConversationsRecord find(Caller caller, UUID id) {
        return liveChat.find(caller.tenantId(), id)
                .orElseThrow(() -> Problems.notFound("conversation.not-found", id));
    }

    private ConversationView view(Caller caller, UUID id) {
        return conversations.get(caller, id);
    }
}
