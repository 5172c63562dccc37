package io.conversa.core.conversation;

import io.conversa.core.background.PollingWorkers;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.ConversationsRecord;
import io.conversa.core.db.jooq.tables.records.ModuleCallsRecord;
import io.conversa.core.module.ModuleProperties;
import io.conversa.core.module.ModuleRuntime;
import io.conversa.engine.Event;
import io.conversa.sdk.EditableContact;
import io.conversa.sdk.ModuleResult;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs the module calls that steps queued, outside any transaction, and answers each with a
 * {@code MODULE_COMPLETED} or {@code MODULE_FAILED} inbox event. The answer, the contact changes
 * the module made and the call's removal commit together; the event's external id names the
 * session and call, so an answer is delivered once even if a call whose runner died runs again.
 */
@Component
class ModuleCallRunner extends PollingWorkers {

    /** A call whose runner died this many times (its lease ran out) fails instead of running again. */
    static final int MAX_ATTEMPTS = 3;
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final Transactions transactions;
    private final ModuleCallRepository calls;
    private final ConversationRepository conversations;
    private final InboxRepository inbox;
    private final EngineCodec codec;
    private final ModuleRuntime runtime;
    private final ConversationWorkers workers;
    private final Duration lease;
    private final Clock clock;
    private final ConversationEvents conversationEvents;

    ModuleCallRunner(Transactions transactions, ModuleCallRepository calls, ConversationRepository conversations,
            InboxRepository inbox, EngineCodec codec, ModuleRuntime runtime, ConversationWorkers workers,
            ModuleProperties modules, Clock clock, ConversationEvents conversationEvents) {
        super("module-call", modules.workers(), modules.pollInterval());
        this.conversationEvents = conversationEvents;
        this.transactions = transactions;
        this.calls = calls;
        this.conversations = conversations;
        this.inbox = inbox;
        this.codec = codec;
        this.runtime = runtime;
        this.workers = workers;
        this.lease = modules.callTimeout().plus(LEASE_MARGIN);
        this.clock = clock;
    }

    @TransactionalEventListener
    void onQueued(ModuleCallsQueued queued) {
        wake();
    }

    @Override
    protected boolean workOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Optional<ModuleCallsRecord> call = transactions.asSystem(() -> calls.lease(now, now.plus(lease)));
        call.ifPresent(this::run);
        return call.isPresent();
    }

    private void run(ModuleCallsRecord call) {
        Event event;
        EditableContact contact = null;
        if (call.getAttempts() > MAX_ATTEMPTS) {
            event = new Event.ModuleFailed(call.getCallId(), "The call of " + call.getModuleId() + " was interrupted "
                    + MAX_ATTEMPTS + " times; it is not tried again.");
        } else {
            contact = contact(call);
            ModuleRuntime.Run run = runtime.run(call.getTenantId(), call.getConversationId(), call.getModuleId(),
                    call.getVersion(), codec.map(call.getInput()), contact);
            event = switch (run.result()) {
                case ModuleResult.Success success -> new Event.ModuleCompleted(call.getCallId(), success.output());
                case ModuleResult.Failure failure -> new Event.ModuleFailed(call.getCallId(), failure.message());
            };
        }
        EditableContact changed = contact != null && contact.changed() ? contact : null;
        boolean answered = recordOutcome(() -> transactions.asSystem(() -> {
            if (!calls.finish(call.getId())) {
                return false;
            }
            if (changed != null) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("tags", List.copyOf(changed.tags()));
                fields.put("attributes", changed.attributes());
                conversationEvents.contactUpdated(call.getTenantId(), call.getConversationId(),
                        codec.map(conversations.mergeContact(call.getConversationId(), codec.json(fields))));
            }
            inbox.add(call.getTenantId(), call.getConversationId(), "module:" + call.getSessionId() + ":" + call.getCallId(),
                    codec.kind(event).name(), codec.json(event));
            return true;
        }));
        if (answered) {
            workers.wake();
        }
    }

    @SuppressWarnings("unchecked")
    private EditableContact contact(ModuleCallsRecord call) {
        ConversationsRecord conversation = transactions.asSystem(() -> conversations.find(call.getConversationId()))
                .orElseThrow();
        Map<String, Object> stored = codec.map(conversation.getContact());
        Map<String, String> attributes = new LinkedHashMap<>();
        if (stored.get("attributes") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> attributes.put(String.valueOf(name), String.valueOf(value)));
        }
        return new EditableContact(conversation.getWaId(), stored.get("name") instanceof String name ? name : null,
                stored.get("tags") instanceof List<?> tags ? new LinkedHashSet<>((List<String>) tags) : null, attributes);
    }
}
