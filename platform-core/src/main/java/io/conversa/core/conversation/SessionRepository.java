package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.SESSIONS;
import static io.conversa.core.db.jooq.Tables.STEP_LOG;
import static io.conversa.core.db.jooq.Tables.TIMERS;

import io.conversa.core.db.jooq.tables.records.SessionsRecord;
import io.conversa.engine.TraceEntry;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Sessions with their engine state, their durable timers and their step log. */
@Repository
class SessionRepository {

    private final DSLContext dsl;

    SessionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<SessionsRecord> active(UUID conversationId) {
        return dsl.selectFrom(SESSIONS).where(SESSIONS.CONVERSATION_ID.eq(conversationId), SESSIONS.ENDED_AT.isNull())
                .fetchOptional();
    }

    /** The running sessions of these conversations, by conversation. */
    Map<UUID, SessionsRecord> active(Collection<UUID> conversationIds) {
        return dsl.selectFrom(SESSIONS).where(SESSIONS.CONVERSATION_ID.in(conversationIds), SESSIONS.ENDED_AT.isNull())
                .fetchMap(SESSIONS.CONVERSATION_ID);
    }

    /** A session not stored yet: {@link #save saved} after its first step, in the state that step left it. */
    SessionsRecord begin(UUID tenantId, UUID conversationId, UUID flowId, int version, JSONB state, String status) {
        SessionsRecord session = dsl.newRecord(SESSIONS);
        session.setId(UUID.randomUUID());
        session.setTenantId(tenantId);
        session.setConversationId(conversationId);
        session.setFlowId(flowId);
        session.setFlowVersion(version);
        session.setState(state);
        session.setStatus(status);
        return session;
    }

    /**
     * Stores the sessions that steps changed, with one statement for those {@link #begin begun}
     * by these steps (inserted as the steps left them, running or already ended) and one round
     * trip for those stored before; the stored ones go first, so a session ended here frees its
     * conversation for the one begun after it. A stored session that ended loses its timers.
     */
    void save(Collection<SessionsRecord> begun, Collection<SessionsRecord> stored) {
        if (!stored.isEmpty()) {
            // One prepared statement, bound once per session, in the order of its parameters.
            var update = dsl.batch(dsl.update(SESSIONS)
                    .set(SESSIONS.FLOW_ID, (UUID) null).set(SESSIONS.FLOW_VERSION, (Integer) null)
                    .set(SESSIONS.STATE, (JSONB) null).set(SESSIONS.STATUS, (String) null)
                    .set(SESSIONS.LAST_ACTIVITY_AT, (OffsetDateTime) null)
                    .set(SESSIONS.ENDED_AT, (OffsetDateTime) null).set(SESSIONS.END_REASON, (String) null)
                    .where(SESSIONS.ID.eq((UUID) null)));
            for (SessionsRecord session : stored) {
                update = update.bind(session.getFlowId(), session.getFlowVersion(), session.getState(), session.getStatus(),
                        session.getLastActivityAt(), session.getEndedAt(), session.getEndReason(), session.getId());
            }
            update.execute();
            List<UUID> ended = stored.stream().filter(session -> session.getEndedAt() != null).map(SessionsRecord::getId).toList();
            if (!ended.isEmpty()) {
                dropTimers(ended);
            }
        }
        if (!begun.isEmpty()) {
            var insert = dsl.insertInto(SESSIONS, SESSIONS.ID, SESSIONS.TENANT_ID, SESSIONS.CONVERSATION_ID, SESSIONS.FLOW_ID,
                    SESSIONS.FLOW_VERSION, SESSIONS.STATE, SESSIONS.STATUS, SESSIONS.LAST_ACTIVITY_AT, SESSIONS.ENDED_AT,
                    SESSIONS.END_REASON);
            for (SessionsRecord s : begun) {
                insert = insert.values(s.getId(), s.getTenantId(), s.getConversationId(), s.getFlowId(), s.getFlowVersion(),
                        s.getState(), s.getStatus(), s.getLastActivityAt(), s.getEndedAt(), s.getEndReason());
            }
            insert.execute();
        }
    }

    /** @return the session as it ended */
    SessionsRecord end(UUID id, String reason, OffsetDateTime at) {
        SessionsRecord ended = dsl.update(SESSIONS).set(SESSIONS.ENDED_AT, at).set(SESSIONS.END_REASON, reason)
                .set(SESSIONS.STATUS, "ENDED")
                .where(SESSIONS.ID.eq(id)).returning().fetchSingle();
        dropTimers(List.of(id));
        return ended;
    }

    private void dropTimers(Collection<UUID> sessionIds) {
        dsl.deleteFrom(TIMERS).where(TIMERS.SESSION_ID.in(sessionIds)).execute();
    }

    /**
     * Sets and cancels the timers of many steps with at most two statements: a timer changed more
     * than once counts with its last change.
     */
    void changeTimers(Collection<TimerChange> changes) {
        List<TimerChange> cancelled = changes.stream().filter(change -> change.dueAt() == null).toList();
        List<TimerChange> scheduled = changes.stream().filter(change -> change.dueAt() != null).toList();
        if (!cancelled.isEmpty()) {
            dsl.deleteFrom(TIMERS).where(DSL.row(TIMERS.SESSION_ID, TIMERS.TIMER_KEY)
                    .in(cancelled.stream().map(change -> DSL.row(change.sessionId(), change.key())).toList())).execute();
        }
        if (!scheduled.isEmpty()) {
            var insert = dsl.insertInto(TIMERS, TIMERS.TENANT_ID, TIMERS.CONVERSATION_ID, TIMERS.SESSION_ID, TIMERS.TIMER_KEY,
                    TIMERS.DUE_AT);
            for (TimerChange change : scheduled) {
                insert = insert.values(change.tenantId(), change.conversationId(), change.sessionId(), change.key(), change.dueAt());
            }
            insert.onConflict(TIMERS.SESSION_ID, TIMERS.TIMER_KEY).doUpdate().set(TIMERS.DUE_AT, DSL.excluded(TIMERS.DUE_AT))
                    .execute();
        }
    }

    /** A session's timer set to {@code dueAt}, or cancelled (null). */
    record TimerChange(UUID tenantId, UUID conversationId, UUID sessionId, String key, OffsetDateTime dueAt) {
    }

    /** The step log of many steps, with one statement. */
    void log(List<LoggedStep> steps) {
        if (steps.stream().allMatch(step -> step.trace().isEmpty())) {
            return;
        }
        var insert = dsl.insertInto(STEP_LOG, STEP_LOG.TENANT_ID, STEP_LOG.SESSION_ID, STEP_LOG.INBOX_ID,
                STEP_LOG.NODE_ID, STEP_LOG.KIND, STEP_LOG.DETAIL);
        for (LoggedStep step : steps) {
            for (TraceEntry entry : step.trace()) {
                insert = insert.values(step.tenantId(), step.sessionId(), step.inboxId(), entry.nodeId(), entry.kind().name(),
                        entry.detail());
            }
        }
        insert.execute();
    }

    /** What one step did ({@code trace}), for the step log. */
    record LoggedStep(UUID tenantId, UUID sessionId, long inboxId, List<TraceEntry> trace) {
    }

    /** Up to {@code limit} due timers, removed and returned; a timer another node claims is skipped. */
    List<DueTimer> claimDue(OffsetDateTime now, int limit) {
        var due = dsl.select(TIMERS.SESSION_ID, TIMERS.TIMER_KEY).from(TIMERS)
                .where(TIMERS.DUE_AT.le(now))
                .orderBy(TIMERS.DUE_AT)
                .limit(limit)
                .forUpdate().skipLocked();
        return dsl.deleteFrom(TIMERS)
                .where(DSL.row(TIMERS.SESSION_ID, TIMERS.TIMER_KEY).in(due))
                .returning(TIMERS.TENANT_ID, TIMERS.CONVERSATION_ID, TIMERS.SESSION_ID, TIMERS.TIMER_KEY)
                .fetch(r -> new DueTimer(r.getTenantId(), r.getConversationId(), r.getSessionId(), r.getTimerKey()));
    }

    record DueTimer(UUID tenantId, UUID conversationId, UUID sessionId, String key) {
    }
}
