package io.conversa.core.channel.whatsapp;

import io.conversa.core.background.Backoff;
import io.conversa.core.background.PollingWorkers;
import io.conversa.core.conversation.HandOverRoom;
import io.conversa.core.conversation.LeasedMessage;
import io.conversa.core.conversation.OutgoingMessages;
import io.conversa.core.conversation.OutgoingMessagesQueued;
import io.conversa.core.db.GroupCommit;
import io.conversa.core.db.Transactions;
import io.conversa.engine.message.Media;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Template;
import io.conversa.engine.validation.FieldProblem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drains the outbox through the Cloud API: per customer in order, per number within its
 * throughput limit, retrying rate limits and server errors with exponential backoff and jitter,
 * and recording permanent failures with the Cloud API's error code and text. A message is leased
 * (status SENDING), by the step that queued it (handed over after its commit, when nothing of its
 * conversation waits before it) or in one short transaction of the sender's, sent with no database connection held, and its
 * outcome recorded in another, tried until PostgreSQL takes it; a sender that dies mid-call leaves
 * a lease that runs out, and the message is sent again: possibly twice, never lost (the Cloud API
 * has no idempotency key).
 * One dispatcher takes the handed-over conversations first, then leases due messages in batches, a
 * conversation's next few together (a read receipt and the reply after it), and hands each
 * conversation to a virtual thread that sends them
 * in order, up to {@link SenderProperties#inFlight()} conversations at once; a finished
 * conversation wakes the dispatcher. Under load the dispatcher waits a few milliseconds for half
 * the slots, so one lease serves many calls, and outcomes that finish together are written with
 * one statement. Once it falls a second behind it takes no more hand-overs (the rest wait in the
 * outbox, unleased), and while messages wait there they get half the slots: no message waits out a
 * lease, none waits for the other side to run dry.
 */
@Component
class OutboxSender extends PollingWorkers implements HandOverRoom, AutoCloseable {

    static final int OUTSIDE_WINDOW = OutgoingMessages.OUTSIDE_WINDOW;
    /** The Cloud API's "invalid parameter", for a message Conversa refuses before sending. */
    static final int INVALID_MESSAGE = 100;

    private static final Duration LEASE = OutgoingMessages.SEND_LEASE;
    /** A handed-over conversation not started within this much of its lease is given back, for a lease from the table. */
    private static final Duration HAND_OVER_DEADLINE = LEASE.dividedBy(4);
    /** Steps hand over no more while the oldest hand-over has waited this long: the sender is that far behind. */
    private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(1);
    /** How long the dispatcher waits for half the call slots to be free before leasing for fewer. */
    private static final Duration LEASE_BATCH_WINDOW = Duration.ofMillis(5);
    /**
     * How often the dispatcher looks for leases that ran out (their sender died, or could not start
     * them): rare, and late by a minute already, so not with every lease (one statement fewer).
     */
    private static final Duration EXPIRED_LEASES_INTERVAL = Duration.ofSeconds(1);
    /** Messages leased behind a conversation's first, sent by the same thread: the replies after it. */
    private static final int FOLLOWERS = 2;

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final MessageEvents messageEvents;
    private final MeterRegistry meters;
    private final Map<Answer, Timer> sendLatency = new ConcurrentHashMap<>();
    private final Transactions transactions;
    private final OutboxSendRepository outbox;
    private final ChannelService channels;
    private final CloudApiClient cloudApi;
    private final SenderProperties properties;
    private final Clock clock;
    private final ThroughputLimiter limiter;
    private final PairRateLimiter pairLimiter;
    private final Backoff backoff;
    private final UploadedMediaRepository uploads;
    private final OutgoingMessages outgoing;
    private final Semaphore callSlots;
    /**
     * Outcomes that arrive together are written together, with one statement; one transaction at a
     * time, as the outcomes finishing meanwhile are then all in the next (fewer commits and
     * statements a message than four at a time, docs/performance.md, session 18).
     */
    private final GroupCommit<List<SendOutcome>, Boolean> recording;
    private ExecutorService calls;
    private final JsonMapper json = JsonMapper.builder().build();

    OutboxSender(Transactions transactions, OutboxSendRepository outbox, ChannelService channels, CloudApiClient cloudApi,
            UploadedMediaRepository uploads, SenderProperties properties, Clock clock, MessageEvents messageEvents,
            ThroughputLimiter limiter, MeterRegistry meters, OutgoingMessages outgoing) {
        super("whatsapp-sender", 1, properties.pollInterval());
        this.outgoing = outgoing;
        this.meters = meters;
        this.messageEvents = messageEvents;
        this.transactions = transactions;
        this.outbox = outbox;
        this.channels = channels;
        this.cloudApi = cloudApi;
        this.properties = properties;
        this.clock = clock;
        this.limiter = limiter;
        this.pairLimiter = new PairRateLimiter(properties.pairBurst(), properties.pairInterval(), System::nanoTime);
        this.uploads = uploads;
        this.backoff = new Backoff(properties.firstRetry(), properties.maxRetry());
        this.callSlots = new Semaphore(properties.inFlight());
        this.recording = new GroupCommit<>("whatsapp-outcomes", transactions, 1, properties.inFlight(), written -> {
            messageEvents.record(outbox.record(written.stream().flatMap(List::stream).toList()));
            return Collections.nCopies(written.size(), true);
        });
    }

    /** Conversations' messages handed over leased by the transactions that queued them, in order. */
    private final Queue<HandedOver> handedOver = new ConcurrentLinkedQueue<>();
    /** Whether the last lease from the outbox found as many conversations due as it asked for: more may wait there, and get half the slots. */
    private volatile boolean outboxBehind;
    /** When, by {@link System#nanoTime()}, the dispatcher next looks for leases that ran out (only it reads and writes this). */
    private long nextExpiredLeases = System.nanoTime();

    private record HandedOver(List<LeasedMessage> messages, long atNanos) {
    }

    /** Takes the messages handed over leased (a sender that is not running gives them back at once), and wakes the dispatcher. */
    @TransactionalEventListener
    void onQueued(OutgoingMessagesQueued queued) {
        if (!isRunning()) {
            // Not on this thread: after a commit its transaction is still bound, and would swallow this one's.
            Thread.ofVirtual().name("whatsapp-sender-release").start(() -> release(queued.handedOver()));
            return;
        }
        long now = System.nanoTime();
        queued.handedOver().stream()
                .collect(Collectors.groupingBy(LeasedMessage::conversationId, LinkedHashMap::new, Collectors.toList()))
                .values().forEach(messages -> handedOver.add(new HandedOver(messages, now)));
        wake();
    }

    /** While it starts what was handed over within {@link #HAND_OVER_WAIT} (and runs). */
    @Override
    public boolean hasRoom() {
        HandedOver oldest = handedOver.peek();
        return isRunning() && (oldest == null || System.nanoTime() - oldest.atNanos() < HAND_OVER_WAIT.toNanos());
    }

    @Override
    public synchronized void start() {
        calls = Executors.newVirtualThreadPerTaskExecutor();
        super.start();
    }

    /**
     * Stops leasing, then lets the calls in flight finish and record their outcome; gives back the
     * messages handed over and not started, for any sender to lease at once.
     */
    @Override
    public synchronized void stop() {
        super.stop();
        calls.close();
        List<LeasedMessage> notStarted = new ArrayList<>();
        for (HandedOver next; (next = handedOver.poll()) != null; ) {
            notStarted.addAll(next.messages());
        }
        release(notStarted);
    }

    /** After {@link #stop}, which records the outcomes of the calls in flight. */
    @Override
    public void close() {
        recording.close();
    }

    private void release(List<LeasedMessage> messages) {
        if (!messages.isEmpty()) {
            record(messages.stream().map(message -> SendOutcome.released(message.id())).toList());
        }
    }

    /**
     * Leases due messages of as many conversations as there are free call slots and starts one
     * virtual thread per conversation, which sends its messages in order; false when none was due.
     */
    @Override
    protected boolean workOnce() {
        int free = freeSlots();
        if (free == 0) {
            return true;
        }
        List<List<LeasedMessage>> conversations = new ArrayList<>();
        List<LeasedMessage> late = new ArrayList<>();
        long deadline = System.nanoTime() - HAND_OVER_DEADLINE.toNanos();
        // While messages wait in the outbox, they get half the slots: neither side waits for the other to run dry.
        int forHandOvers = outboxBehind ? free / 2 : free;
        for (HandedOver next; conversations.size() < forHandOvers && (next = handedOver.poll()) != null; ) {
            if (next.atNanos() - deadline > 0) {
                conversations.add(next.messages());
            } else {
                late.addAll(next.messages());
            }
        }
        release(late);
        if (conversations.size() < free) {
            OffsetDateTime now = now();
            int more = free - conversations.size();
            boolean expiredToo = System.nanoTime() - nextExpiredLeases >= 0;
            if (expiredToo) {
                nextExpiredLeases = System.nanoTime() + EXPIRED_LEASES_INTERVAL.toNanos();
            }
            Collection<List<LeasedMessage>> due = transactions.asSystem(() -> outbox.leaseDue(now, now.plus(LEASE), more, FOLLOWERS,
                            expiredToo))
                    .stream().collect(Collectors.groupingBy(LeasedMessage::conversationId, LinkedHashMap::new, Collectors.toList()))
                    .values();
            outboxBehind = due.size() == more;
            conversations.addAll(due);
        }
        callSlots.release(free - conversations.size());
        for (List<LeasedMessage> messages : conversations) {
            calls.execute(() -> {
                try {
                    sendInOrder(messages);
                } catch (RuntimeException e) {
                    log.error("Sending outbox messages {} failed; they are sent again when their lease runs out",
                            messages.stream().map(LeasedMessage::id).toList(), e);
                } finally {
                    callSlots.release();
                    wake();
                }
            });
        }
        return !conversations.isEmpty();
    }

    /**
     * Sends one conversation's messages one after the other; once one has to wait, the rest go back
     * to waiting behind it. A message's outcome is stored before the next is sent; a read
     * receipt's only with the next one's, so the reply behind it does not wait for a commit (after
     * a crash in between, the message is marked read again: no harm).
     */
    private void sendInOrder(List<LeasedMessage> messages) {
        List<SendOutcome> unrecorded = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            SendOutcome outcome = send(messages.get(i));
            unrecorded.add(outcome);
            if (outcome.isWaiting()) {
                messages.subList(i + 1, messages.size()).forEach(later -> unrecorded.add(SendOutcome.released(later.id())));
                record(unrecorded);
                return;
            }
            if (!messages.get(i).isReadReceipt() || i == messages.size() - 1) {
                record(unrecorded);
                unrecorded.clear();
            }
        }
    }

    /**
     * Waits up to a poll interval for one free slot, then up to {@link #LEASE_BATCH_WINDOW} for half
     * of them, and takes every free one: under load one lease then serves many calls.
     */
    private int freeSlots() {
        try {
            if (!callSlots.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        int taken = 1;
        int more = properties.inFlight() / 2 - 1;
        try {
            if (more > 0 && handedOver.isEmpty() && callSlots.tryAcquire(more, LEASE_BATCH_WINDOW.toNanos(), TimeUnit.NANOSECONDS)) {
                taken += more;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return taken + callSlots.drainPermits();
    }

    /** Sends the message, or finds why it cannot go (now); answers what became of it. */
    private SendOutcome send(LeasedMessage due) {
        Optional<ChannelSecrets> channel = channels.secrets(due.channelId());
        if (channel.isEmpty()) {
            return SendOutcome.failed(due.id(), 0, "The channel is no longer connected.", false);
        }
        if (due.isReadReceipt()) {
            boolean typing = due.message() != null && json.readTree(due.message().data()).path("typing").asBoolean(false);
            return call(due, channel.get(), CloudApiPayloads.readReceipt(due.contextMessageId(), typing));
        }
        OutgoingMessage message = json.readValue(due.message().data(), OutgoingMessage.class);
        Optional<Refusal> refusal = refusal(due, message);
        if (refusal.isPresent()) {
            markReadFirst(due, channel.get());
            return SendOutcome.failed(due.id(), refusal.get().code(), refusal.get().message(), false);
        }
        Duration pairWait = pairLimiter.tryAcquire(due.channelId(), due.waId());
        if (!pairWait.isZero()) {
            return SendOutcome.postponed(due.id(), now().plus(pairWait));
        }
        limiter.acquire(due.channelId(),
                Optional.ofNullable(channel.get().messagesPerSecond()).orElse(properties.messagesPerSecond()));
        markReadFirst(due, channel.get());
        return call(due, channel.get(), CloudApiPayloads.of(due.waId(), message, due.contextMessageId()));
    }

    /**
     * The read receipt a reply carries goes right before the reply's first call, showing "typing..."
     * until the reply arrives. Its outcome is not kept: a read receipt is safe to lose (the next
     * one marks every earlier message read) and to repeat, so one that fails is not retried.
     */
    private void markReadFirst(LeasedMessage due, ChannelSecrets channel) {
        if (due.markReadMessageId() != null && due.attempts() == 0) {
            call(due, channel, CloudApiPayloads.readReceipt(due.markReadMessageId(), true));
        }
    }

    /** Why the Cloud API would refuse a message, found before calling it: its error code and text. */
    private record Refusal(int code, String message) {
    }

    /**
     * Whether the customer's 24-hour window is open: by the conversation's last inbound message as
     * leased, or else by its messages stored but not processed yet (a reply queued right after the
     * customer wrote may be leased before a worker processed what they wrote).
     */
    private boolean windowOpen(LeasedMessage due) {
        return OutgoingMessages.windowOpen(due.lastInboundAt(), now())
                || transactions.inTenant(due.tenantId(), () -> outgoing.reachability(due.conversationId()).windowOpen());
    }

    /** Empty when the message may be sent. */
    private Optional<Refusal> refusal(LeasedMessage due, OutgoingMessage message) {
        if (!(message instanceof Template) && !windowOpen(due)) {
            return Optional.of(new Refusal(OUTSIDE_WINDOW, "More than 24 hours have passed since the customer last wrote: "
                    + "only a template can be sent now."));
        }
        List<FieldProblem> problems = message.check();
        if (!problems.isEmpty()) {
            return Optional.of(new Refusal(INVALID_MESSAGE, "The message breaks the Cloud API's rules: "
                    + problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "))));
        }
        if (message instanceof Media media && media.id() != null) {
            // An upload was admitted by the rules of its type's kind, so only the kind can be wrong here.
            MediaRules rules = MediaRules.of(media.type());
            return transactions.asSystem(() -> uploads.find(due.channelId(), media.id()))
                    .filter(upload -> !rules.accepts(upload.getMimeType()))
                    .map(upload -> new Refusal(INVALID_MESSAGE, "The media " + media.id() + " is " + upload.getMimeType()
                            + ", which a " + rules.lowerName() + " message cannot carry; it takes "
                            + rules.mimeTypes.stream().sorted().collect(Collectors.joining(", ")) + "."));
        }
        return Optional.empty();
    }

    private SendOutcome call(LeasedMessage due, ChannelSecrets channel, Map<String, Object> payload) {
        long start = System.nanoTime();
        SendResult result = cloudApi.send(channel, payload);
        Answer answer = switch (result) {
            case SendResult.Sent sent -> new Answer("sent", 0);
            case SendResult.Retry retry -> new Answer("retry", retry.code());
            case SendResult.Failed failed -> new Answer("failed", failed.code());
        };
        sendLatency.computeIfAbsent(answer, a -> Timer.builder("conversa.send.latency")
                        .description("One call to the Cloud API, by its answer (error code 0: accepted)")
                        .tags("answer", a.name(), "code", String.valueOf(a.code())).publishPercentileHistogram().register(meters))
                .record(Duration.ofNanos(System.nanoTime() - start));
        return switch (result) {
            case SendResult.Sent sent -> SendOutcome.sent(due.id(), sent.id(), now());
            case SendResult.Failed failed -> SendOutcome.failed(due.id(), failed.code(), failed.message(), true);
            case SendResult.Retry retry when due.attempts() + 1 >= properties.maxAttempts() -> SendOutcome.failed(due.id(),
                    retry.code(), retry.message() + " (gave up after " + properties.maxAttempts() + " attempts)", true);
            case SendResult.Retry retry ->
                    SendOutcome.retryLater(due.id(), now().plus(backoff.after(due.attempts())), retry.code(), retry.message());
        };
    }

    /** How the Cloud API answered a call, as the send latency is tagged. */
    private record Answer(String name, int code) {
    }

    /** Records outcomes, and the status changes they made as events, in one transaction (shared with other calls' outcomes). */
    private void record(List<SendOutcome> outcomes) {
        List<SendOutcome> written = List.copyOf(outcomes);
        recordOutcome(() -> recording.run(written));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
