package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.MODULE_CALLS;

import io.conversa.core.db.FixedStatement;
import io.conversa.core.db.jooq.tables.records.ModuleCallsRecord;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Module calls waiting to run, or running under a lease. */
@Repository
class ModuleCallRepository {

    private static final Param<OffsetDateTime> NOW = DSL.param("now", MODULE_CALLS.LEASE_UNTIL);
    private static final Param<OffsetDateTime> LEASE_UNTIL = DSL.param("leaseUntil", MODULE_CALLS.LEASE_UNTIL);

    private final DSLContext dsl;
    private final FixedStatement lease;

    ModuleCallRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.lease = new FixedStatement(dsl, lease());
    }

    /** Queues a call; a step that runs again queues nothing new (the session and call id are the same). */
    void add(UUID tenantId, UUID conversationId, UUID sessionId, String callId, String moduleId, String version,
            JSONB input) {
        dsl.insertInto(MODULE_CALLS)
                .set(MODULE_CALLS.ID, UUID.randomUUID())
                .set(MODULE_CALLS.TENANT_ID, tenantId)
                .set(MODULE_CALLS.CONVERSATION_ID, conversationId)
                .set(MODULE_CALLS.SESSION_ID, sessionId)
                .set(MODULE_CALLS.CALL_ID, callId)
                .set(MODULE_CALLS.MODULE_ID, moduleId)
                .set(MODULE_CALLS.VERSION, version)
                .set(MODULE_CALLS.INPUT, input)
                .onConflictDoNothing()
                .execute();
    }

    /**
     * Leases the oldest call nobody runs (new, or its lease ran out because its runner died) until
     * {@code leaseUntil}, counting the attempt.
     */
    Optional<ModuleCallsRecord> lease(OffsetDateTime now, OffsetDateTime leaseUntil) {
        return lease.with().set(NOW, now).set(LEASE_UNTIL, leaseUntil).fetchInto(MODULE_CALLS).stream().findFirst();
    }

    /** Rendered once: the runners ask several times a second, mostly to find nothing waiting. */
    private static Query lease() {
        var free = MODULE_CALLS.LEASE_UNTIL.isNull().or(MODULE_CALLS.LEASE_UNTIL.lt(NOW));
        var next = DSL.select(MODULE_CALLS.ID).from(MODULE_CALLS).where(free)
                .orderBy(MODULE_CALLS.CREATED_AT)
                .limit(1).forUpdate().skipLocked();
        return DSL.update(MODULE_CALLS)
                .set(MODULE_CALLS.LEASE_UNTIL, LEASE_UNTIL)
                .set(MODULE_CALLS.ATTEMPTS, MODULE_CALLS.ATTEMPTS.plus(1))
                .where(MODULE_CALLS.ID.eq(next))
                .returningResult(MODULE_CALLS.fields());
    }

    /** Removes a finished call; false when it was finished already (by a runner whose lease had run out). */
    boolean finish(UUID id) {
        return dsl.deleteFrom(MODULE_CALLS).where(MODULE_CALLS.ID.eq(id)).execute() == 1;
    }
}
