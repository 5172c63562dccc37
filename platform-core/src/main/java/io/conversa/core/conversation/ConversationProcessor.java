package io.conversa.core.conversation;

import io.conversa.core.businesshours.BusinessHoursService;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.ConversationsRecord;
import io.conversa.core.db.jooq.tables.records.InboxRecord;
import io.conversa.core.db.jooq.tables.records.SessionsRecord;
import io.conversa.core.flow.FlowService;
import io.conversa.core.flow.PublishedFlow;
import io.conversa.engine.ConversationState;
import io.conversa.engine.Context;
import io.conversa.engine.Effect;
import io.conversa.engine.Event;
import io.conversa.engine.FlowEngine;
import io.conversa.engine.StepResult;
import io.conversa.engine.TraceEntry;
import io.conversa.engine.message.Text;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.JSONB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Processes conversations' waiting events, in one transaction that holds the conversations' row
 * locks: for each event, the session's new state, its outgoing messages, its timers, the step
 * log and the event's "processed" mark commit together or not at all. A crash before commit
 * leaves the event waiting; processing it again produces the same messages under the same
 * idempotency keys.
 */
@Component
public class ConversationProcessor {

    private static final Logger log = LoggerFactory.getLogger(ConversationProcessor.class);

    static final String SESSION_EXPIRY = "session-expiry";
    /** Kept for the inbox, but nothing a flow answers: reactions, system notices, unsupported messages. */
    static final Set<String> NOT_FOR_FLOWS = Set.of("reaction", "system", "unsupported", "unknown");

    private final Transactions transactions;
    private final ConversationRepository conversations;
    private final InboxRepository inbox;
    private final SessionRepository sessions;
    private final OutboxRepository outbox;
    private final ModuleCallRepository moduleCalls;
    private final FlowService flows;
    private final EngineCodec codec;
    private final RuntimeProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ConversationEvents conversationEvents;
    private final BusinessHoursService businessHours;
    private final MeterRegistry meters;
    private final Map<String, Timer> stepLatency = new ConcurrentHashMap<>();
    private final FlowEngine engine = new FlowEngine();

    ConversationProcessor(Transactions transactions, ConversationRepository conversations, InboxRepository inbox,
            SessionRepository sessions, OutboxRepository outbox, ModuleCallRepository moduleCalls, FlowService flows,
            EngineCodec codec, RuntimeProperties properties, Clock clock, ApplicationEventPublisher events,
            ConversationEvents conversationEvents, BusinessHoursService businessHours, MeterRegistry meters) {
        this.transactions = transactions;
        this.conversations = conversations;
        this.inbox = inbox;
        this.sessions = sessions;
        this.outbox = outbox;
        this.moduleCalls = moduleCalls;
        this.flows = flows;
        this.codec = codec;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.conversationEvents = conversationEvents;
        this.businessHours = businessHours;
        this.meters = meters;
    }

    /**
     * Processes the waiting events of this conversation (up to a batch).
     *
     * @return whether any was processed (false: none waiting, or another worker holds the conversation)
     */
    public boolean processNext(UUID conversationId) {
        return transactions.asSystem(() -> conversations.lock(conversationId).map(c -> processBatch(List.of(c))).orElse(false));
    }

    /**
     * Claims the conversations with the oldest waiting events that no other worker holds, and
     * processes their waiting events (up to a batch each) in one transaction: one commit for many
     * conversations. When that fails, each conversation is processed alone, so one that fails
     * holds back none of the others.
     *
     * @return whether there was one to claim
     */
    public boolean processAnyWaiting() {
        List<UUID> claimed = new ArrayList<>();
        try {
            return transactions.asSystem(() -> {
                List<ConversationsRecord> batch = conversations.claimWithPendingEvents(properties.eventsPerTransaction());
                batch.forEach(conversation -> claimed.add(conversation.getId()));
                return processBatch(batch);
            });
        } catch (RuntimeException e) {
            if (claimed.size() < 2) {
                throw e;
            }
            log.warn("Processing {} conversations together failed ({}); processing each alone", claimed.size(), e.toString());
            return processEachAlone(claimed, e);
        }
    }

    private boolean processEachAlone(List<UUID> conversationIds, RuntimeException batchFailure) {
        boolean processed = false;
        RuntimeException failure = batchFailure;
        for (UUID conversationId : conversationIds) {
            try {
                processed |= processNext(conversationId);
            } catch (RuntimeException e) {
                log.error("Processing conversation {} failed; it is retried later", conversationId, e);
                failure = e;
            }
        }
        if (!processed) {
            throw failure;
        }
        return true;
    }

    private boolean processBatch(List<ConversationsRecord> batch) {
        if (batch.isEmpty()) {
            return false;
        }
        Map<UUID, List<InboxRecord>> pending = inbox.pending(batch.stream().map(ConversationsRecord::getId).toList(),
                properties.eventsPerTransaction());
        Map<Long, String> outcomes = new LinkedHashMap<>();
        for (ConversationsRecord conversation : batch) {
            for (InboxRecord record : pending.get(conversation.getId())) {
                outcomes.put(record.getId(), process(conversation, record));
            }
        }
        inbox.markProcessed(outcomes);
        Instant now = clock.instant();
        batch.forEach(conversation -> pending.get(conversation.getId()).forEach(record -> stepLatency.computeIfAbsent(record.getKind(),
                kind -> Timer.builder("conversa.step.latency")
                        .description("From an event's arrival (a customer's message, a timer, a module's answer) to the end of its step")
                        .tag("kind", kind).publishPercentileHistogram().register(meters))
                .record(Duration.between(record.getReceivedAt().toInstant(), now))));
        return !outcomes.isEmpty();
    }

    private String process(ConversationsRecord conversation, InboxRecord record) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Event event = codec.event(record.getKind(), record.getPayload());
        Optional<SessionsRecord> session = sessions.active(conversation.getId());

        if (event instanceof Event.Started started) {
            // The business's start replaces whatever ran (the API refused it unless asked to replace).
            session.ifPresent(running -> conversationEvents.sessionEnded(sessions.end(running.getId(), "REPLACED", now)));
            Optional<PublishedFlow> flow = flows.published(conversation.getTenantId(), UUID.fromString(started.flowId()),
                    started.flowVersion());
            if (flow.isEmpty()) {
                return "NO_FLOW";
            }
            SessionsRecord begun = startSession(conversation, flow.get(), started.variables());
            sessions.scheduleTimer(conversation.getTenantId(), conversation.getId(), begun.getId(), SESSION_EXPIRY,
                    now.plus(properties.sessionTimeout()));
            return step(conversation, begun, record, event, now);
        }
        if (event instanceof Event.InboundMessage message) {
            JSONB contactBefore = conversation.getContact();
            if ("CLOSED".equals(conversation.getStatus())) {
                conversationEvents.reopened(conversation.getTenantId(), conversation.getId());
                conversation.setStatus("OPEN");
            }
            conversation.setContact(conversations.recordInbound(conversation.getId(), record.getContact(),
                    record.getSentAt() != null ? record.getSentAt() : record.getReceivedAt(), message.text()));
            // Both as PostgreSQL wrote them (jsonb's own text): equal text, same contact; parsed only when it changed.
            if (!conversation.getContact().equals(contactBefore)) {
                conversationEvents.contactUpdated(conversation.getTenantId(), conversation.getId(),
                        codec.map(conversation.getContact()));
            }
            if (NOT_FOR_FLOWS.contains(message.type())) {
                return "NOT_FOR_FLOWS";
            }
            if (session.isPresent() && isRestart(message)) {
                conversationEvents.sessionEnded(sessions.end(session.get().getId(), "RESTARTED", now));
                session = Optional.empty();
            }
            if (session.isEmpty()) {
                Optional<PublishedFlow> flow = conversation.getTestFlowId() != null
                        ? flows.published(conversation.getTenantId(), conversation.getTestFlowId(), conversation.getTestFlowVersion())
                        : flows.startingFlow(conversation.getTenantId(), message.answer());
                if (flow.isEmpty()) {
                    return "NO_FLOW";
                }
                session = Optional.of(startSession(conversation, flow.get(), Map.of()));
            }
            sessions.scheduleTimer(conversation.getTenantId(), conversation.getId(), session.get().getId(),
                    SESSION_EXPIRY, now.plus(properties.sessionTimeout()));
        } else if (session.isEmpty() || !belongsTo(record, session.get())) {
            return "STALE";
        } else if (event instanceof Event.TimerFired timer && timer.timerId().equals(SESSION_EXPIRY)) {
            conversationEvents.sessionEnded(sessions.end(session.get().getId(), "EXPIRED", now));
            return "EXPIRED";
        }
        return step(conversation, session.get(), record, event, now);
    }

    private String step(ConversationsRecord conversation, SessionsRecord session, InboxRecord record, Event event,
            OffsetDateTime now) {
        UUID flowId = session.getFlowId();
        int version = session.getFlowVersion();
        ConversationState state = codec.state(session.getState());
        boolean botReads = event instanceof Event.InboundMessage && state.status() != ConversationState.Status.HANDED_OFF;
        Context context = new Context(codec.map(conversation.getContact()), Map.of("id", conversation.getChannelId().toString()),
                Map.of("open", businessHours.isOpen(conversation.getChannelId(), now.toInstant())));
        List<Effect> effects = new ArrayList<>();
        List<TraceEntry> trace = new ArrayList<>();
        for (int jumps = 0; ; jumps++) {
            PublishedFlow flow = flows.published(conversation.getTenantId(), flowId, version).orElseThrow();
            StepResult result = engine.step(flow.graph(), state, event, context, now.toInstant());
            effects.addAll(result.effects());
            trace.addAll(result.trace());
            state = result.state();
            Optional<Effect.JumpToFlow> jump = result.effects().stream()
                    .filter(Effect.JumpToFlow.class::isInstance).map(Effect.JumpToFlow.class::cast).findFirst();
            if (jump.isEmpty()) {
                break;
            }
            Optional<PublishedFlow> target = jumpTarget(conversation.getTenantId(), jump.get());
            if (target.isEmpty() || jumps >= properties.maxJumpsPerEvent()) {
                String why = target.isEmpty() ? "flow " + jump.get().flowId() + " has no published version"
                        : "more than " + properties.maxJumpsPerEvent() + " jumps between flows";
                trace.add(new TraceEntry(TraceEntry.Kind.ERROR, state.nodeId(), why));
                effects.add(new Effect.EndSession(Effect.EndSession.Reason.ERROR, why));
                state = new ConversationState(ConversationState.Status.ENDED, state.nodeId(), state.variables(), 0, null,
                        state.sequence());
                break;
            }
            flowId = target.get().flowId();
            version = target.get().version();
        }
        if (event instanceof Event.InboundMessage && state.status() == ConversationState.Status.HANDED_OFF) {
            awayReply(conversation, now).ifPresent(effects::add);
        }
        apply(conversation, session.getId(), record.getId(), botReads ? (Event.InboundMessage) event : null, effects);
        sessions.log(conversation.getTenantId(), session.getId(), record.getId(), trace);
        sessions.update(session.getId(), flowId, version, codec.json(state), state.status().name(), now);
        if (state.isEnded()) {
            Effect.EndSession end = effects.stream().filter(Effect.EndSession.class::isInstance)
                    .map(Effect.EndSession.class::cast).reduce((first, last) -> last).orElseThrow();
            conversationEvents.sessionEnded(sessions.end(session.getId(), end.reason().name(), now));
        }
        return "PROCESSED";
    }

    /** Outside business hours, a customer waiting for people hears so once per closed spell. */
    private Optional<Effect.SendMessage> awayReply(ConversationsRecord conversation, OffsetDateTime now) {
        Instant lastReplied = conversation.getAwayRepliedAt() == null ? null : conversation.getAwayRepliedAt().toInstant();
        return businessHours.awayReply(conversation.getChannelId(), lastReplied, now.toInstant()).map(text -> {
            conversations.awayReplied(conversation.getId(), now);
            conversation.setAwayRepliedAt(now);
            return new Effect.SendMessage(new Text(text), null);
        });
    }

    /** Commits the step's effects; {@code read}, when the bot read a customer's message, is marked read first. */
    private void apply(ConversationsRecord conversation, UUID sessionId, long inboxId, Event.InboundMessage read,
            List<Effect> effects) {
        List<OutboxRepository.Outgoing> outgoing = new ArrayList<>();
        if (read != null && read.messageId() != null && properties.markAsRead()) {
            boolean replies = effects.stream().anyMatch(Effect.SendMessage.class::isInstance);
            outgoing.add(new OutboxRepository.Outgoing(inboxId + ":read", OutboxRepository.Kind.READ_RECEIPT,
                    codec.json(Map.of("typing", replies)), read.messageId()));
        }
        for (int i = 0; i < effects.size(); i++) {
            switch (effects.get(i)) {
                case Effect.SendMessage send -> outgoing.add(new OutboxRepository.Outgoing(inboxId + ":" + i,
                        OutboxRepository.Kind.MESSAGE, codec.json(send.message()), send.replyTo()));
                case Effect.ScheduleTimer timer -> sessions.scheduleTimer(conversation.getTenantId(),
                        conversation.getId(), sessionId, timer.timerId(), timer.dueAt().atOffset(ZoneOffset.UTC));
                case Effect.CancelTimer cancel -> sessions.cancelTimer(sessionId, cancel.timerId());
                case Effect.CallModule call -> {
                    moduleCalls.add(conversation.getTenantId(), conversation.getId(), sessionId, call.callId(),
                            call.moduleId(), call.moduleVersion(), codec.json(call.input()));
                    events.publishEvent(new ModuleCallsQueued());
                }
                case Effect.HandOff handOff -> {
                    conversations.handedOff(conversation.getId(), OffsetDateTime.now(clock));
                    conversationEvents.handedOff(conversation.getTenantId(), conversation.getChannelId(), conversation.getId(), sessionId,
                            handOff.nodeId());
                }
                case Effect.JumpToFlow jump -> {
                    // Followed in step(): the same event continues in the target flow.
                }
                case Effect.EndSession end -> {
                    // Ends the session once the state is saved.
                }
            }
        }
        if (!outgoing.isEmpty()) {
            outbox.add(conversation.getTenantId(), conversation.getId(), sessionId, outgoing);
            events.publishEvent(new OutgoingMessagesQueued());
        }
    }

    private Optional<PublishedFlow> jumpTarget(UUID tenantId, Effect.JumpToFlow jump) {
        try {
            UUID flowId = UUID.fromString(jump.flowId());
            return flows.latestPublished(tenantId, flowId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private SessionsRecord startSession(ConversationsRecord conversation, PublishedFlow flow, Map<String, Object> variables) {
        UUID id = UUID.randomUUID();
        ConversationState start = new ConversationState(ConversationState.Status.NEW, null, variables, 0, null, 0);
        return sessions.insert(conversation.getTenantId(), id, conversation.getId(), flow.flowId(), flow.version(),
                codec.json(start), ConversationState.Status.NEW.name());
    }

    private boolean isRestart(Event.InboundMessage message) {
        return message.answer() != null && message.answer().strip().equalsIgnoreCase(properties.restartKeyword());
    }

    /** Timer and module events name their session in their external id; one of an ended session is stale. */
    private static boolean belongsTo(InboxRecord record, SessionsRecord session) {
        return record.getExternalId().contains(session.getId().toString())
                || record.getKind().equals(EngineCodec.EventKind.AGENT_RELEASED.name());
    }
}
