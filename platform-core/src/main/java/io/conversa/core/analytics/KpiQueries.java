package io.conversa.core.analytics;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static io.conversa.core.db.jooq.Tables.SESSIONS;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The dashboard's figures, counted in PostgreSQL over one tenant (and number) and period. */
@Repository
class KpiQueries {

    private final DSLContext dsl;

    KpiQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    Kpis kpis(UUID tenantId, UUID channelId, OffsetDateTime from, OffsetDateTime to) {
        Condition number = channelId == null ? DSL.noCondition() : CONVERSATIONS.CHANNEL_ID.eq(channelId);
        Condition tenant = CONVERSATIONS.TENANT_ID.eq(tenantId).and(number);
        var started = DSL.selectCount().from(CONVERSATIONS).where(tenant, within(CONVERSATIONS.CREATED_AT, from, to));
        var in = DSL.selectCount().from(INBOX).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(INBOX.CONVERSATION_ID))
                .where(tenant, INBOX.TENANT_ID.eq(tenantId), INBOX.KIND.eq(DSL.inline("MESSAGE")), within(INBOX.RECEIVED_AT, from, to));
        var out = DSL.selectCount().from(OUTBOX).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(OUTBOX.CONVERSATION_ID))
                .where(tenant, OUTBOX.TENANT_ID.eq(tenantId), OUTBOX.KIND.eq(DSL.inline("MESSAGE")), within(OUTBOX.CREATED_AT, from, to));
        var active = DSL.selectCount().from(SESSIONS).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(SESSIONS.CONVERSATION_ID))
                .where(tenant, SESSIONS.STARTED_AT.lt(to), SESSIONS.ENDED_AT.isNull().or(SESSIONS.ENDED_AT.ge(from)));
        var ended = DSL.selectCount().from(SESSIONS).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(SESSIONS.CONVERSATION_ID))
                .where(tenant, within(SESSIONS.ENDED_AT, from, to));
        var completed = DSL.selectCount().from(SESSIONS).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(SESSIONS.CONVERSATION_ID))
                .where(tenant, within(SESSIONS.ENDED_AT, from, to), SESSIONS.END_REASON.eq(DSL.inline("COMPLETED")));
        var handoffs = DSL.selectCount().from(CONVERSATIONS).where(tenant, within(CONVERSATIONS.HANDED_OFF_AT, from, to));
        var firstResponse = DSL.select(median(CONVERSATIONS.FIRST_RESPONSE_AT, CONVERSATIONS.HANDED_OFF_AT)).from(CONVERSATIONS)
                .where(tenant, within(CONVERSATIONS.FIRST_RESPONSE_AT, from, to),
                        CONVERSATIONS.HANDED_OFF_AT.le(CONVERSATIONS.FIRST_RESPONSE_AT));
        var resolution = DSL.select(median(CONVERSATIONS.CLOSED_AT, CONVERSATIONS.HANDED_OFF_AT)).from(CONVERSATIONS)
                .where(tenant, within(CONVERSATIONS.CLOSED_AT, from, to), CONVERSATIONS.HANDED_OFF_AT.le(CONVERSATIONS.CLOSED_AT));
        var figures = dsl.select(started.asField(), in.asField(), out.asField(), active.asField(), ended.asField(),
                completed.asField(), handoffs.asField(), firstResponse.asField(), resolution.asField()).fetchSingle();
        Map<Integer, Long> failed = new LinkedHashMap<>();
        dsl.select(OUTBOX.ERROR_CODE, DSL.count()).from(OUTBOX).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(OUTBOX.CONVERSATION_ID))
                .where(tenant, OUTBOX.TENANT_ID.eq(tenantId), OUTBOX.STATUS.eq(DSL.inline("FAILED")), within(OUTBOX.CREATED_AT, from, to))
                .groupBy(OUTBOX.ERROR_CODE).orderBy(DSL.count().desc())
                .forEach(r -> failed.put(r.value1(), r.value2().longValue()));
        long sessionsEnded = count(figures.value5());
        long sessionsCompleted = count(figures.value6());
        return new Kpis(count(figures.value1()), count(figures.value2()), count(figures.value3()), count(figures.value4()),
                sessionsEnded, sessionsCompleted, sessionsEnded == 0 ? null : (double) sessionsCompleted / sessionsEnded,
                count(figures.value7()), seconds(figures.value8()), seconds(figures.value9()), failed);
    }

    private static Condition within(Field<OffsetDateTime> at, OffsetDateTime from, OffsetDateTime to) {
        return at.ge(from).and(at.lt(to));
    }

    /** The median of {@code end - start}, in seconds. */
    private static Field<Object> median(Field<OffsetDateTime> end, Field<OffsetDateTime> start) {
        return DSL.field("percentile_cont(0.5) within group (order by extract(epoch from {0} - {1}))", end, start);
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double seconds(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
