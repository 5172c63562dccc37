package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.SESSIONS;
import static io.conversa.core.db.jooq.Tables.STEP_LOG;
import static io.conversa.core.db.jooq.Tables.TIMERS;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.conversa.core.db.ArrayInsert;
import io.conversa.core.db.FixedStatement;
import io.conversa.core.db.jooq.tables.records.SessionsRecord;
import io.conversa.engine.TraceEntry;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/** Sessions with their engine state, their durable timers and their step log. */
@Repository
class SessionRepository {

    private static final Param<UUID> ID = DSL.param("id", SESSIONS.ID);
    private static final Param<UUID> FLOW = DSL.param("flow", SESSIONS.FLOW_ID);
    private static final Param<Integer> VERSION = DSL.param("version", SESSIONS.FLOW_VERSION);
    private static final Param<JSONB> STATE = DSL.param("state", SESSIONS.STATE);
    private static final Param<String> STATUS = DSL.param("status", SESSIONS.STATUS);
    private static final Param<OffsetDateTime> ACTIVE_AT = DSL.param("activeAt", SESSIONS.LAST_ACTIVITY_AT);
    private static final Param<OffsetDateTime> ENDED_AT = DSL.param("endedAt", SESSIONS.ENDED_AT);
    private static final Param<String> END_REASON = DSL.param("endReason", SESSIONS.END_REASON);
    private static final Param<UUID[]> CONVERSATION_IDS = DSL.param("conversations", SESSIONS.CONVERSATION_ID.getDataType().array());
    private static final Param<OffsetDateTime> NOW = DSL.param("now", TIMERS.DUE_AT);
    private static final Param<Integer> LIMIT = DSL.param("limit", SQLDataType.INTEGER);

    private final DSLContext dsl;
    private final ArrayInsert<SessionsRecord> insert;
    private final FixedStatement update;
    private final ArrayInsert<LoggedStep> logSteps;
    private final FixedStatement running;
    private final FixedStatement claimDue;

    SessionRepository(DSLContext dsl, EngineCodec codec) {
        this.dsl = dsl;
        this.insert = new ArrayInsert<>(dsl, SESSIONS, List.of(ArrayInsert.Column.of(SESSIONS.ID, SessionsRecord::getId),
                ArrayInsert.Column.of(SESSIONS.TENANT_ID, SessionsRecord::getTenantId),
                ArrayInsert.Column.of(SESSIONS.CONVERSATION_ID, SessionsRecord::getConversationId),
                ArrayInsert.Column.of(SESSIONS.FLOW_ID, SessionsRecord::getFlowId),
                ArrayInsert.Column.of(SESSIONS.FLOW_VERSION, SessionsRecord::getFlowVersion),
                ArrayInsert.Column.of(SESSIONS.STATE, SessionsRecord::getState),
                ArrayInsert.Column.of(SESSIONS.STATUS, SessionsRecord::getStatus),
                ArrayInsert.Column.of(SESSIONS.LAST_ACTIVITY_AT, SessionsRecord::getLastActivityAt),
                ArrayInsert.Column.of(SESSIONS.ENDED_AT, SessionsRecord::getEndedAt),
                ArrayInsert.Column.of(SESSIONS.END_REASON, SessionsRecord::getEndReason)));
        this.update = new FixedStatement(dsl, DSL.update(SESSIONS)
                .set(SESSIONS.FLOW_ID, FLOW).set(SESSIONS.FLOW_VERSION, VERSION).set(SESSIONS.STATE, STATE)
                .set(SESSIONS.STATUS, STATUS).set(SESSIONS.LAST_ACTIVITY_AT, ACTIVE_AT).set(SESSIONS.ENDED_AT, ENDED_AT)
                .set(SESSIONS.END_REASON, END_REASON)
                .where(SESSIONS.ID.eq(ID)));
        this.logSteps = new ArrayInsert<>(dsl, STEP_LOG, List.of(ArrayInsert.Column.of(STEP_LOG.TENANT_ID, LoggedStep::tenantId),
                ArrayInsert.Column.of(STEP_LOG.SESSION_ID, LoggedStep::sessionId),
                ArrayInsert.Column.of(STEP_LOG.INBOX_ID, LoggedStep::inboxId),
                ArrayInsert.Column.of(STEP_LOG.TRACE, step -> codec.json(step.trace().stream().map(LoggedEntry::of).toList()))));
        this.running = new FixedStatement(dsl, DSL.selectFrom(SESSIONS)
                .where(SESSIONS.CONVERSATION_ID.eq(DSL.any(CONVERSATION_IDS)), SESSIONS.ENDED_AT.isNull()));
        this.claimDue = new FixedStatement(dsl, claimDue());
    }

    Optional<SessionsRecord> active(UUID conversationId) {
        return dsl.selectFrom(SESSIONS).where(SESSIONS.CONVERSATION_ID.eq(conversationId), SESSIONS.ENDED_AT.isNull())
                .fetchOptional();
    }

    /** The running sessions of these conversations, by conversation. */
    Map<UUID, SessionsRecord> active(Collection<UUID> conversationIds) {
        return running.with().set(CONVERSATION_IDS, conversationIds.toArray(UUID[]::new))
                .fetchInto(SESSIONS).intoMap(SESSIONS.CONVERSATION_ID);
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
     * Stores the sessions that steps changed: those {@link #begin begun} by these steps (inserted
     * as the steps left them, running or already ended, with one statement) and those stored
     * before (in one round trip); the stored ones go first, so a session ended here frees its conversation for the
     * one begun after it. A stored session that ended loses its timers.
     */
    void save(Collection<SessionsRecord> begun, Collection<SessionsRecord> stored) {
        if (!stored.isEmpty()) {
            update.executeBatch(stored, (row, session) -> row.set(FLOW, session.getFlowId())
                    .set(VERSION, session.getFlowVersion()).set(STATE, session.getState()).set(STATUS, session.getStatus())
                    .set(ACTIVE_AT, session.getLastActivityAt()).set(ENDED_AT, session.getEndedAt())
                    .set(END_REASON, session.getEndReason()).set(ID, session.getId()));
            List<UUID> ended = stored.stream().filter(session -> session.getEndedAt() != null).map(SessionsRecord::getId).toList();
            if (!ended.isEmpty()) {
                dropTimers(ended);
            }
        }
        insert.insert(List.copyOf(begun));
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

    /** The step log of many steps (a row each, their trace in it), with one statement. */
    void log(List<LoggedStep> steps) {
        logSteps.insert(steps.stream().filter(step -> !step.trace().isEmpty()).toList());
    }

    /** What one step did ({@code trace}), for the step log. */
    record LoggedStep(UUID tenantId, UUID sessionId, long inboxId, List<TraceEntry> trace) {
    }

    /** A trace entry as the step log's jsonb holds it (what is null left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record LoggedEntry(String kind, String node, String detail) {

        static LoggedEntry of(TraceEntry entry) {
            return new LoggedEntry(entry.kind().name(), entry.nodeId(), entry.detail());
        }
    }

    /** Up to {@code limit} due timers, removed and returned; a timer another node claims is skipped. */
    List<DueTimer> claimDue(OffsetDateTime now, int limit) {
        return claimDue.with().set(NOW, now).set(LIMIT, limit)
                .fetch(CLAIMED).map(r -> new DueTimer(r.get(TIMERS.TENANT_ID), r.get(TIMERS.CONVERSATION_ID),
                        r.get(TIMERS.SESSION_ID), r.get(TIMERS.TIMER_KEY)));
    }

    private static final List<Field<?>> CLAIMED = List.of(TIMERS.TENANT_ID, TIMERS.CONVERSATION_ID, TIMERS.SESSION_ID, TIMERS.TIMER_KEY);

    /** Rendered once: the scheduler asks several times a second, mostly to find nothing due. */
    private static Query claimDue() {
        var due = DSL.select(TIMERS.SESSION_ID, TIMERS.TIMER_KEY).from(TIMERS)
                .where(TIMERS.DUE_AT.le(NOW))
                .orderBy(TIMERS.DUE_AT)
                .limit(LIMIT)
                .forUpdate().skipLocked();
        return DSL.deleteFrom(TIMERS)
                .where(DSL.row(TIMERS.SESSION_ID, TIMERS.TIMER_KEY).in(due))
                .returningResult(CLAIMED);
    }

    record DueTimer(UUID tenantId, UUID conversationId, UUID sessionId, String key) {
    }
}
