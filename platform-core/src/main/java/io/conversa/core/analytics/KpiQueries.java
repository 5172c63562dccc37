package io.conversa.core.analytics;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static io.conversa.core.db.jooq.Tables.SESSIONS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's figures, counted in PostgreSQL over one tenant (and number) and period, or over
 * each slice of a period in one statement (the same subqueries, correlated with each slice).
 */
@Repository
class KpiQueries {

    private final DSLContext dsl;

    KpiQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    Kpis kpis(UUID tenantId, UUID channelId, OffsetDateTime from, OffsetDateTime to) {
        Record figures = dsl.select(figures(tenantId, channelId, DSL.val(from), DSL.val(to))).fetchSingle();
        Map<Integer, Long> failed = new LinkedHashMap<>();
        dsl.select(OUTBOX.ERROR_CODE, DSL.count()).from(OUTBOX).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(OUTBOX.CONVERSATION_ID))
                .where(tenant(tenantId, channelId), OUTBOX.TENANT_ID.eq(tenantId), OUTBOX.STATUS.eq(DSL.inline("FAILED")),
                        within(OUTBOX.CREATED_AT, DSL.val(from), DSL.val(to)))
                .groupBy(OUTBOX.ERROR_CODE).orderBy(DSL.count().desc())
                .forEach(r -> failed.put(r.value1(), r.value2().longValue()));
        return kpis(figures, failed);
    }

    /** The figures of each slice of {@code step} from {@code from} on (the last one ends at {@code to}), without failures by code. */
    List<KpiPoint> series(UUID tenantId, UUID channelId, OffsetDateTime from, OffsetDateTime to, Duration step) {
        Field<Object> interval = DSL.field("{0}::interval", Object.class, DSL.val(step.toSeconds() + " seconds"));
        Field<OffsetDateTime> start = DSL.field(DSL.name("slice", "start"), SQLDataType.TIMESTAMPWITHTIMEZONE);
        Field<OffsetDateTime> end = DSL.least(start.plus(interval), DSL.val(to));
        Table<?> slices = DSL.table("generate_series({0}::timestamptz, {1}::timestamptz - interval '1 microsecond', {2})",
                DSL.val(from), DSL.val(to), interval).as("slice", "start");
        return dsl.select(start).select(figures(tenantId, channelId, start, end)).from(slices).orderBy(start)
                .fetch(r -> new KpiPoint(r.get(start), kpis(r, Map.of())));
    }

    /** The scalar figures between {@code from} (inclusive) and {@code to}, each a subquery (nine fields, in the order {@link #kpis(Record, Map)} reads). */
    private static List<Field<?>> figures(UUID tenantId, UUID channelId, Field<OffsetDateTime> from, Field<OffsetDateTime> to) {
        Condition tenant = tenant(tenantId, channelId);
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
        var failed = DSL.selectCount().from(OUTBOX).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(OUTBOX.CONVERSATION_ID))
                .where(tenant, OUTBOX.TENANT_ID.eq(tenantId), OUTBOX.STATUS.eq(DSL.inline("FAILED")), within(OUTBOX.CREATED_AT, from, to));
        return List.of(started.asField("started"), in.asField("in"), out.asField("out"), active.asField("active"),
                ended.asField("ended"), completed.asField("completed"), handoffs.asField("handoffs"),
                firstResponse.asField("first_response"), resolution.asField("resolution"), failed.asField("failed"));
    }

    private static Kpis kpis(Record figures, Map<Integer, Long> failedByCode) {
        long sessionsEnded = count(figures.get("ended"));
        long sessionsCompleted = count(figures.get("completed"));
        return new Kpis(count(figures.get("started")), count(figures.get("in")), count(figures.get("out")), count(figures.get("active")),
                sessionsEnded, sessionsCompleted, sessionsEnded == 0 ? null : (double) sessionsCompleted / sessionsEnded,
                count(figures.get("handoffs")), seconds(figures.get("first_response")), seconds(figures.get("resolution")),
                count(figures.get("failed")), failedByCode);
    }

    private static Condition tenant(UUID tenantId, UUID channelId) {
        return CONVERSATIONS.TENANT_ID.eq(tenantId).and(channelId == null ? DSL.noCondition() : CONVERSATIONS.CHANNEL_ID.eq(channelId));
    }

    private static Condition within(Field<OffsetDateTime> at, Field<OffsetDateTime> from, Field<OffsetDateTime> to) {
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
