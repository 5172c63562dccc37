package io.conversa.core.conversation;

import io.conversa.core.db.Transactions;
import io.conversa.engine.Event;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fires due timers: each is removed and turned into an inbox event in one transaction, claimed
 * with FOR UPDATE SKIP LOCKED so that several nodes never fire one timer twice. Timers are rows,
 * so they survive restarts; one that fell due while Conversa was down fires on start.
 */
@Component
class TimerScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TimerScheduler.class);
    private static final int BATCH = 500;

    private final Transactions transactions;
    private final SessionRepository sessions;
    private final InboxRepository inbox;
    private final EngineCodec codec;
    private final ConversationWorkers workers;
    private final RuntimeProperties properties;
    private final Clock clock;
    private volatile Thread thread;

    TimerScheduler(Transactions transactions, SessionRepository sessions, InboxRepository inbox, EngineCodec codec,
            ConversationWorkers workers, RuntimeProperties properties, Clock clock) {
        this.transactions = transactions;
        this.sessions = sessions;
        this.inbox = inbox;
        this.codec = codec;
        this.workers = workers;
        this.properties = properties;
        this.clock = clock;
    }

    /** Fires what is due now; returns how many. */
    int fireDue() {
        int fired = transactions.asSystem(() -> {
            List<SessionRepository.DueTimer> due = sessions.claimDue(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), BATCH);
            for (SessionRepository.DueTimer timer : due) {
                inbox.add(timer.tenantId(), timer.conversationId(), "timer:" + timer.sessionId() + ":" + timer.key(),
                        EngineCodec.EventKind.TIMER.name(), codec.json(new Event.TimerFired(timer.key())));
            }
            return due.size();
        });
        if (fired > 0) {
            workers.wake();
        }
        return fired;
    }

    @Override
    public void start() {
        thread = Thread.ofVirtual().name("timer-scheduler").start(() -> {
            while (thread != null) {
                try {
                    if (fireDue() < BATCH) {
                        Thread.sleep(properties.pollInterval().toMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.error("Firing timers failed; retrying", e);
                }
            }
        });
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
