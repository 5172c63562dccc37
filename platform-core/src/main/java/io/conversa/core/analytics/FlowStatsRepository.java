package io.conversa.core.analytics;

import static io.conversa.core.db.jooq.Tables.FLOW_EDGE_HOURLY;
import static io.conversa.core.db.jooq.Tables.FLOW_NODE_HOURLY;
import static io.conversa.core.db.jooq.Tables.FLOW_STATS_PROGRESS;
import static io.conversa.core.db.jooq.Tables.STEP_LOG;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The per-node and per-edge hourly counts of flows, and their aggregation from the step log. */
@Repository
class FlowStatsRepository {

    /**
     * One slice of the step log into the hourly counts: nodes entered and invalid answers per
     * node, and per pair of consecutive nodes a session entered (its previous node is the one
     * before it in the slice, or else, for its first in the slice, found through the session's index).
     * A step's row holds its trace, the entries in order: they are read in (step, place) order.
     */
    private static final String AGGREGATE = """
            with steps as (
                select l.id, t.place, l.tenant_id, l.session_id, t.entry ->> 'node' as node_id, t.entry ->> 'kind' as kind,
                       date_trunc('hour', l.at) as hour, s.flow_id, s.flow_version
                from step_log l join sessions s on s.id = l.session_id
                     cross join jsonb_array_elements(l.trace) with ordinality as t(entry, place)
                where l.id > ? and l.id <= ? and t.entry ->> 'node' is not null
                  and t.entry ->> 'kind' in ('NODE_ENTERED', 'INPUT_INVALID')
            ), nodes as (
                insert into flow_node_hourly as h (tenant_id, flow_id, flow_version, node_id, hour, entered, invalid)
                select tenant_id, flow_id, flow_version, node_id, hour,
                       count(*) filter (where kind = 'NODE_ENTERED'), count(*) filter (where kind = 'INPUT_INVALID')
                from steps group by tenant_id, flow_id, flow_version, node_id, hour
                on conflict (tenant_id, flow_id, flow_version, node_id, hour)
                do update set entered = h.entered + excluded.entered, invalid = h.invalid + excluded.invalid
            )
            insert into flow_edge_hourly as h (tenant_id, flow_id, flow_version, source_node, target_node, hour, followed)
            select tenant_id, flow_id, flow_version, previous, node_id, hour, count(*)
            from (select e.*, coalesce(lag(e.node_id) over (partition by e.session_id order by e.id, e.place),
                                       (select t.entry ->> 'node'
                                        from step_log p cross join jsonb_array_elements(p.trace) with ordinality as t(entry, place)
                                        where p.session_id = e.session_id and p.id < e.id and t.entry ->> 'kind' = 'NODE_ENTERED'
                                        order by p.id desc, t.place desc limit 1)) as previous
                  from steps e where e.kind = 'NODE_ENTERED') entered
            where previous is not null
            group by tenant_id, flow_id, flow_version, previous, node_id, hour
            on conflict (tenant_id, flow_id, flow_version, source_node, target_node, hour)
            do update set followed = h.followed + excluded.followed
            """;

    private final DSLContext dsl;

    FlowStatsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The step log's id read so far, locked for this transaction; empty when another process is aggregating. */
    Optional<Long> lockProgress() {
        return dsl.select(FLOW_STATS_PROGRESS.LAST_STEP_ID).from(FLOW_STATS_PROGRESS).forUpdate().skipLocked()
                .fetchOptional(FLOW_STATS_PROGRESS.LAST_STEP_ID);
    }

    /**
     * The end of the next slice: at most {@code limit} steps past {@code after}, all logged before
     * {@code settled} and none after the first that is not. A step's id is taken at insert and its
     * time at its transaction's start, so a step with a lower id can carry a later time: the slice
     * stops before it rather than pass over it for good. Only steps old enough that their
     * transactions have ended are read: a younger one with a lower id may still appear. Reads no
     * further than the first unsettled step, so a caught-up run reads one row.
     */
    long sliceEnd(long after, int limit, OffsetDateTime settled) {
        var next = DSL.select(STEP_LOG.ID, STEP_LOG.AT).from(STEP_LOG).where(STEP_LOG.ID.gt(after)).orderBy(STEP_LOG.ID)
                .limit(limit).asTable("next");
        Field<Long> nextId = next.field(STEP_LOG.ID);
        Field<Long> firstUnsettled = DSL.field(DSL.select(nextId).from(next).where(next.field(STEP_LOG.AT).ge(settled))
                .orderBy(nextId).limit(1));
        var slice = DSL.select(STEP_LOG.ID).from(STEP_LOG)
                .where(STEP_LOG.ID.gt(after), STEP_LOG.ID.lt(DSL.coalesce(firstUnsettled, DSL.val(Long.MAX_VALUE))))
                .orderBy(STEP_LOG.ID).limit(limit).asTable("slice");
        return dsl.select(DSL.coalesce(DSL.max(slice.field(STEP_LOG.ID)), DSL.val(after))).from(slice).fetchSingle().value1();
    }

    void aggregate(long after, long upTo) {
        dsl.execute(AGGREGATE, after, upTo);
        dsl.update(FLOW_STATS_PROGRESS).set(FLOW_STATS_PROGRESS.LAST_STEP_ID, upTo).execute();
    }

    /** Per node: entered and invalid answers, within the period. */
    Map<String, long[]> nodes(UUID tenantId, UUID flowId, int version, OffsetDateTime from, OffsetDateTime to) {
        return dsl.select(FLOW_NODE_HOURLY.NODE_ID, DSL.sum(FLOW_NODE_HOURLY.ENTERED), DSL.sum(FLOW_NODE_HOURLY.INVALID))
                .from(FLOW_NODE_HOURLY)
                .where(FLOW_NODE_HOURLY.TENANT_ID.eq(tenantId), FLOW_NODE_HOURLY.FLOW_ID.eq(flowId),
                        FLOW_NODE_HOURLY.FLOW_VERSION.eq(version), FLOW_NODE_HOURLY.HOUR.ge(from), FLOW_NODE_HOURLY.HOUR.lt(to))
                .groupBy(FLOW_NODE_HOURLY.NODE_ID)
                .fetch()
                .stream().collect(Collectors.toMap(r -> r.value1(), r -> new long[] {r.value2().longValue(), r.value3().longValue()}));
    }

    /** Per "source target": sessions that went from one node to the other, within the period. */
    Map<String, Long> edges(UUID tenantId, UUID flowId, int version, OffsetDateTime from, OffsetDateTime to) {
        return dsl.select(FLOW_EDGE_HOURLY.SOURCE_NODE, FLOW_EDGE_HOURLY.TARGET_NODE, DSL.sum(FLOW_EDGE_HOURLY.FOLLOWED))
                .from(FLOW_EDGE_HOURLY)
                .where(FLOW_EDGE_HOURLY.TENANT_ID.eq(tenantId), FLOW_EDGE_HOURLY.FLOW_ID.eq(flowId),
                        FLOW_EDGE_HOURLY.FLOW_VERSION.eq(version), FLOW_EDGE_HOURLY.HOUR.ge(from), FLOW_EDGE_HOURLY.HOUR.lt(to))
                .groupBy(FLOW_EDGE_HOURLY.SOURCE_NODE, FLOW_EDGE_HOURLY.TARGET_NODE)
                .fetch()
                .stream().collect(Collectors.toMap(r -> r.value1() + " " + r.value2(), r -> r.value3().longValue()));
    }
}
