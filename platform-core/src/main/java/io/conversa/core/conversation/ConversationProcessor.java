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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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
    private final HandOverRoom handOverRoom;
    private final Map<String, Timer> stepLatency = new ConcurrentHashMap<>();
    private final FlowEngine engine = new FlowEngine();

    ConversationProcessor(Transactions transactions, ConversationRepository conversations, InboxRepository inbox,
            SessionRepository sessions, OutboxRepository outbox, ModuleCallRepository moduleCalls, FlowService flows,
            EngineCodec codec, RuntimeProperties properties, Clock clock, ApplicationEventPublisher events,
            ConversationEvents conversationEvents, BusinessHoursService businessHours, MeterRegistry meters,
            HandOverRoom handOverRoom) {
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
        this.handOverRoom = handOverRoom;
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
        List<UUID> conversationIds = batch.stream().map(ConversationsRecord::getId).toList();
        Map<UUID, List<InboxRecord>> pending = inbox.pending(conversationIds, properties.eventsPerTransaction());
        Batch writes = new Batch(sessions.active(conversationIds));
        Map<Long, Event> events = new HashMap<>();
        pending.values().forEach(records -> records.forEach(record -> events.put(record.getId(),
                codec.event(record.getKind(), record.getPayload()))));
        recordInbound(batch, pending, events);
        Map<Long, String> outcomes = new LinkedHashMap<>();
        for (ConversationsRecord conversation : batch) {
            for (InboxRecord record : pending.get(conversation.getId())) {
                outcomes.put(record.getId(), process(writes, conversation, record, events.get(record.getId())));
            }
        }
        saveSessions(writes);
        queue(writes.outgoing, batch);
        sessions.log(writes.steps);
        sessions.changeTimers(writes.timers.values());
        inbox.markProcessed(outcomes);
        Instant now = clock.instant();
        batch.forEach(conversation -> pending.get(conversation.getId()).forEach(record -> stepLatency.computeIfAbsent(record.getKind(),
                kind -> Timer.builder("conversa.step.latency")
                        .description("From an event's arrival (a customer's message, a timer, a module's answer) to the end of its step")
                        .tag("kind", kind).publishPercentileHistogram().register(meters))
                .record(Duration.between(record.getReceivedAt().toInstant(), now))));
        return !outcomes.isEmpty();
    }

    /**
     * Records the batch's customer messages on their conversations before any step runs (one
     * statement for all), so a step sees the contact as the batch's messages left it; a closed
     * conversation opens again, and a contact that changed is told once.
     */
    private void recordInbound(List<ConversationsRecord> batch, Map<UUID, List<InboxRecord>> pending, Map<Long, Event> events) {
        List<ConversationRepository.Inbound> inbound = new ArrayList<>();
        Map<UUID, JSONB> contactsBefore = new LinkedHashMap<>();
        for (ConversationsRecord conversation : batch) {
            for (InboxRecord record : pending.get(conversation.getId())) {
                if (events.get(record.getId()) instanceof Event.InboundMessage message) {
                    contactsBefore.putIfAbsent(conversation.getId(), conversation.getContact());
                    inbound.add(new ConversationRepository.Inbound(conversation, record.getContact(),
                            record.getSentAt() != null ? record.getSentAt() : record.getReceivedAt(), message.text()));
                }
            }
        }
        conversations.recordInbound(inbound);
        for (ConversationsRecord conversation : batch) {
            if (!contactsBefore.containsKey(conversation.getId())) {
                continue;
            }
            if ("CLOSED".equals(conversation.getStatus())) {
                conversationEvents.reopened(conversation.getTenantId(), conversation.getId());
                conversation.setStatus("OPEN");
            }
            // Both as PostgreSQL wrote them (jsonb's own text): equal text, same contact; parsed only when it changed.
            if (!conversation.getContact().equals(contactsBefore.get(conversation.getId()))) {
                conversationEvents.contactUpdated(conversation.getTenantId(), conversation.getId(),
                        codec.map(conversation.getContact()));
            }
        }
    }

    /**
     * Adds the steps' messages to the outbox and hands them to this process's sender after the
     * commit, leased already (no lease transaction, no wait for a poll), when it has room, unless
     * their conversation has messages not sent yet: the rest wait, in order, for a sender's lease.
     */
    private void queue(List<OutboxRepository.Outgoing> outgoing, List<ConversationsRecord> batch) {
        if (outgoing.isEmpty()) {
            return;
        }
        Set<UUID> handOver = new HashSet<>();
        if (handOverRoom.hasRoom()) {
            outgoing.forEach(o -> handOver.add(o.conversationId()));
            handOver.removeAll(outbox.withUnsent(handOver));
        }
        Map<String, Long> leased = outbox.add(outgoing, handOver,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(OutgoingMessages.SEND_LEASE));
        Map<UUID, ConversationsRecord> byId = batch.stream().collect(Collectors.toMap(ConversationsRecord::getId, c -> c));
        events.publishEvent(new OutgoingMessagesQueued(outgoing.stream().filter(o -> leased.containsKey(o.key())).map(o -> {
            ConversationsRecord conversation = byId.get(o.conversationId());
            return new LeasedMessage(leased.get(o.key()), o.conversationId(), o.tenantId(), o.kind().name(), o.content(),
                    o.contextMessageId(), o.markReadMessageId(), 0, conversation.getChannelId(), conversation.getWaId(),
                    conversation.getLastInboundAt());
        }).toList()));
    }

    /** A session a step changed; {@code stored}: it was stored before this batch. */
    private record Unsaved(SessionsRecord session, boolean stored) {
    }

    /**
     * What a batch's steps share: the conversations' running sessions (read once, kept current
     * as the steps run), the sessions they changed and what they append to the outbox and the
     * step log and change in the timers, written at the end of the batch with a statement or two
     * each.
     */
    private static final class Batch {

        final Map<UUID, SessionsRecord> running;
        /** Sessions changed by the steps and not written yet, by id. */
        final Map<UUID, Unsaved> unsaved = new LinkedHashMap<>();
        final List<OutboxRepository.Outgoing> outgoing = new ArrayList<>();
        final List<SessionRepository.LoggedStep> steps = new ArrayList<>();
        /** By session and timer key: its last change in this batch. */
        final Map<List<Object>, SessionRepository.TimerChange> timers = new LinkedHashMap<>();

        Batch(Map<UUID, SessionsRecord> running) {
            this.running = new HashMap<>(running);
        }

        Optional<SessionsRecord> session(UUID conversationId) {
            return Optional.ofNullable(running.get(conversationId));
        }

        /** A step changed the session; one begun in this batch stays one to insert, whatever steps follow. */
        void changed(SessionsRecord session, boolean stored) {
            unsaved.merge(session.getId(), new Unsaved(session, stored), (before, now) -> new Unsaved(session, before.stored()));
        }

        /** Sets ({@code dueAt}) or cancels (null) one of the session's timers. */
        void timer(SessionsRecord session, String key, OffsetDateTime dueAt) {
            timers.put(List.of(session.getId(), key), new SessionRepository.TimerChange(session.getTenantId(),
                    session.getConversationId(), session.getId(), key, dueAt));
        }

        /** The session ended: its timers went with it, including those this batch changed. */
        void ended(SessionsRecord session) {
            running.remove(session.getConversationId());
            timers.values().removeIf(change -> change.sessionId().equals(session.getId()));
        }
    }

    private String process(Batch batch, ConversationsRecord conversation, InboxRecord record, Event event) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Optional<SessionsRecord> session = batch.session(conversation.getId());

        if (event instanceof Event.Started started) {
            // The business's start replaces whatever ran (the API refused it unless asked to replace).
            session.ifPresent(running -> end(batch, running, "REPLACED", now));
            Optional<PublishedFlow> flow = flows.published(conversation.getTenantId(), UUID.fromString(started.flowId()),
                    started.flowVersion());
            if (flow.isEmpty()) {
                return "NO_FLOW";
            }
            return step(batch, conversation, begin(conversation, flow.get(), started.variables()), false, record, event, now);
        }
        if (event instanceof Event.InboundMessage message) {
            if (NOT_FOR_FLOWS.contains(message.type())) {
                return "NOT_FOR_FLOWS";
            }
            if (session.isPresent() && isRestart(message)) {
                end(batch, session.get(), "RESTARTED", now);
                session = Optional.empty();
            }
            if (session.isEmpty()) {
                Optional<PublishedFlow> flow = conversation.getTestFlowId() != null
                        ? flows.published(conversation.getTenantId(), conversation.getTestFlowId(), conversation.getTestFlowVersion())
                        : flows.startingFlow(conversation.getTenantId(), message.answer());
                if (flow.isEmpty()) {
                    return "NO_FLOW";
                }
                return step(batch, conversation, begin(conversation, flow.get(), Map.of()), false, record, event, now);
            }
        } else if (session.isEmpty() || !belongsTo(record, session.get())) {
            return "STALE";
        } else if (event instanceof Event.TimerFired timer && timer.timerId().equals(SESSION_EXPIRY)) {
            end(batch, session.get(), "EXPIRED", now);
            return "EXPIRED";
        }
        return step(batch, conversation, session.get(), true, record, event, now);
    }

    /** Writes the sessions the batch's steps changed, before anything that refers to them. */
    private void saveSessions(Batch batch) {
        if (batch.unsaved.isEmpty()) {
            return;
        }
        Map<Boolean, List<SessionsRecord>> byStored = batch.unsaved.values().stream().collect(Collectors.partitioningBy(
                Unsaved::stored, Collectors.mapping(Unsaved::session, Collectors.toList())));
        sessions.save(byStored.get(false), byStored.get(true));
        batch.unsaved.clear();
    }

    /** Ends a stored session outside a step (replaced, restarted, expired). */
    private void end(Batch batch, SessionsRecord session, String reason, OffsetDateTime now) {
        saveSessions(batch);
        batch.ended(session);
        conversationEvents.sessionEnded(sessions.end(session.getId(), reason, now));
    }

    /**
     * Runs the event through the session's flow and commits what the step did: the session's
     * new state (one statement, also for a session begun by this event and for one that ends),
     * its effects, the step log and the outgoing messages (the last two with the batch).
     *
     * @param stored false for a session {@link SessionRepository#begin begun} for this event, not stored yet
     */
    private String step(Batch batch, ConversationsRecord conversation, SessionsRecord session, boolean stored,
            InboxRecord record, Event event, OffsetDateTime now) {
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
        session.setFlowId(flowId);
        session.setFlowVersion(version);
        session.setState(codec.json(state));
        session.setStatus(state.status().name());
        session.setLastActivityAt(now);
        if (state.isEnded()) {
            Effect.EndSession end = effects.stream().filter(Effect.EndSession.class::isInstance)
                    .map(Effect.EndSession.class::cast).reduce((first, last) -> last).orElseThrow();
            session.setEndedAt(now);
            session.setEndReason(end.reason().name());
            session.setStatus("ENDED");
        }
        // Written with the batch's other sessions, before the rows that refer to them (timers, module calls, messages, steps).
        batch.changed(session, stored);
        apply(batch, conversation, session, record.getId(), botReads ? (Event.InboundMessage) event : null, effects);
        batch.steps.add(new SessionRepository.LoggedStep(conversation.getTenantId(), session.getId(), record.getId(), trace));
        if (state.isEnded()) {
            batch.ended(session);
            conversationEvents.sessionEnded(session, state.variables());
        } else {
            batch.running.put(conversation.getId(), session);
            if (event instanceof Event.InboundMessage || !stored) {
                batch.timer(session, SESSION_EXPIRY, now.plus(properties.sessionTimeout()));
            }
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

    /**
     * Applies the step's effects; {@code read}, when the bot read a customer's message, is marked
     * read first: by the first reply, which the sender sends right after the read receipt. Timer
     * changes go to the batch, which drops them if the session ended.
     */
    private void apply(Batch batch, ConversationsRecord conversation, SessionsRecord session, long inboxId,
            Event.InboundMessage read, List<Effect> effects) {
        UUID sessionId = session.getId();
        UUID tenantId = conversation.getTenantId();
        // The first reply carries the read receipt ("typing..." until it arrives); without a reply it is a row of its own.
        String markRead = read != null && read.messageId() != null && properties.markAsRead() ? read.messageId() : null;
        if (markRead != null && effects.stream().noneMatch(Effect.SendMessage.class::isInstance)) {
            batch.outgoing.add(new OutboxRepository.Outgoing(tenantId, conversation.getId(), sessionId, inboxId + ":read",
                    OutboxRepository.Kind.READ_RECEIPT, codec.json(Map.of("typing", false)), markRead, null));
        }
        for (int i = 0; i < effects.size(); i++) {
            switch (effects.get(i)) {
                case Effect.SendMessage send -> {
                    batch.outgoing.add(new OutboxRepository.Outgoing(tenantId, conversation.getId(), sessionId, inboxId + ":" + i,
                            OutboxRepository.Kind.MESSAGE, codec.json(send.message()), send.replyTo(), markRead));
                    markRead = null;
                }
                case Effect.ScheduleTimer timer -> batch.timer(session, timer.timerId(), timer.dueAt().atOffset(ZoneOffset.UTC));
                case Effect.CancelTimer cancel -> batch.timer(session, cancel.timerId(), null);
                case Effect.CallModule call -> {
                    saveSessions(batch);
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
                    // Saved with the session's state, in step().
                }
            }
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

    private SessionsRecord begin(ConversationsRecord conversation, PublishedFlow flow, Map<String, Object> variables) {
        ConversationState start = new ConversationState(ConversationState.Status.NEW, null, variables, 0, null, 0);
        return sessions.begin(conversation.getTenantId(), conversation.getId(), flow.flowId(), flow.version(),
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
