package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.SESSIONS;
import static io.conversa.core.db.jooq.Tables.STEP_LOG;
import static io.conversa.core.db.jooq.Tables.TIMERS;

import io.conversa.core.db.jooq.tables.records.SessionsRecord;
import io.conversa.engine.TraceEntry;
import java.time.OffsetDateTime;
import java.util.List;
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

    SessionsRecord insert(UUID tenantId, UUID id, UUID conversationId, UUID flowId, int version, JSONB state, String status) {
        return dsl.insertInto(SESSIONS)
                .set(SESSIONS.ID, id).set(SESSIONS.TENANT_ID, tenantId).set(SESSIONS.CONVERSATION_ID, conversationId)
                .set(SESSIONS.FLOW_ID, flowId).set(SESSIONS.FLOW_VERSION, version)
                .set(SESSIONS.STATE, state).set(SESSIONS.STATUS, status)
                .returning()
                .fetchSingle();
    }

    void update(UUID id, UUID flowId, int version, JSONB state, String status, OffsetDateTime at) {
        dsl.update(SESSIONS)
                .set(SESSIONS.FLOW_ID, flowId).set(SESSIONS.FLOW_VERSION, version)
                .set(SESSIONS.STATE, state).set(SESSIONS.STATUS, status).set(SESSIONS.LAST_ACTIVITY_AT, at)
                .where(SESSIONS.ID.eq(id))
                .execute();
    }

    /** @return the session as it ended */
    SessionsRecord end(UUID id, String reason, OffsetDateTime at) {
        SessionsRecord ended = dsl.update(SESSIONS).set(SESSIONS.ENDED_AT, at).set(SESSIONS.END_REASON, reason)
                .set(SESSIONS.STATUS, "ENDED")
                .where(SESSIONS.ID.eq(id)).returning().fetchSingle();
        dsl.deleteFrom(TIMERS).where(TIMERS.SESSION_ID.eq(id)).execute();
        return ended;
    }

    void scheduleTimer(UUID tenantId, UUID conversationId, UUID sessionId, String key, OffsetDateTime dueAt) {
        dsl.insertInto(TIMERS)
                .set(TIMERS.TENANT_ID, tenantId).set(TIMERS.CONVERSATION_ID, conversationId)
                .set(TIMERS.SESSION_ID, sessionId).set(TIMERS.TIMER_KEY, key).set(TIMERS.DUE_AT, dueAt)
                .onConflict(TIMERS.SESSION_ID, TIMERS.TIMER_KEY).doUpdate().set(TIMERS.DUE_AT, dueAt)
                .execute();
    }

    void cancelTimer(UUID sessionId, String key) {
        dsl.deleteFrom(TIMERS).where(TIMERS.SESSION_ID.eq(sessionId), TIMERS.TIMER_KEY.eq(key)).execute();
    }

    void log(UUID tenantId, UUID sessionId, long inboxId, List<TraceEntry> trace) {
        if (trace.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(STEP_LOG, STEP_LOG.TENANT_ID, STEP_LOG.SESSION_ID, STEP_LOG.INBOX_ID,
                STEP_LOG.NODE_ID, STEP_LOG.KIND, STEP_LOG.DETAIL);
        for (TraceEntry entry : trace) {
            insert = insert.values(tenantId, sessionId, inboxId, entry.nodeId(), entry.kind().name(), entry.detail());
        }
        insert.execute();
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
