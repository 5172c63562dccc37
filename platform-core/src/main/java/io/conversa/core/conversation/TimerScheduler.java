package io.conversa.core.conversation;

import io.conversa.core.background.PollingWorkers;
import io.conversa.core.db.Transactions;
import io.conversa.engine.Event;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Fires due timers: each is removed and turned into an inbox event in one transaction, claimed
 * with FOR UPDATE SKIP LOCKED so that several nodes never fire one timer twice. Timers are rows,
 * so they survive restarts; one that fell due while Conversa was down fires on start.
 */
@Component
class TimerScheduler extends PollingWorkers {

    private static final int BATCH = 500;

    private final Transactions transactions;
    private final SessionRepository sessions;
    private final InboxRepository inbox;
    private final EngineCodec codec;
    private final ConversationWorkers workers;
    private final Clock clock;

    TimerScheduler(Transactions transactions, SessionRepository sessions, InboxRepository inbox, EngineCodec codec,
            ConversationWorkers workers, RuntimeProperties properties, Clock clock) {
        super("timer-scheduler", 1, properties.pollInterval());
        this.transactions = transactions;
        this.sessions = sessions;
        this.inbox = inbox;
        this.codec = codec;
        this.workers = workers;
        this.clock = clock;
    }

    /** Fires a batch of what is due now; returns whether it was a full batch (more may be due). */
    @Override
    protected boolean workOnce() {
        return fireDue() == BATCH;
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
}
