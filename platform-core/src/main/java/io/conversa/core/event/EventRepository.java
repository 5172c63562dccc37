package io.conversa.core.event;

import static io.conversa.core.db.jooq.Tables.EVENTS;

import io.conversa.core.db.FixedStatement;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class EventRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private static final Param<UUID[]> EVENT_IDS = DSL.param("eventIds", EVENTS.EVENT_ID.getDataType().array());
    private static final Param<UUID[]> TENANTS = DSL.param("tenants", EVENTS.TENANT_ID.getDataType().array());
    private static final Param<String[]> TYPES = DSL.param("types", EVENTS.TYPE.getDataType().array());
    private static final Param<UUID[]> CONVERSATIONS = DSL.param("conversations", EVENTS.CONVERSATION_ID.getDataType().array());
    private static final Param<JSONB[]> DATA = DSL.param("data", EVENTS.DATA.getDataType().array());

    private final DSLContext dsl;
    private final JsonMapper json;
    private final FixedStatement insert;

    EventRepository(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
        List<Field<?>> columns = List.of(EVENTS.EVENT_ID, EVENTS.TENANT_ID, EVENTS.TYPE, EVENTS.CONVERSATION_ID, EVENTS.DATA);
        this.insert = new FixedStatement(dsl, DSL.insertInto(EVENTS).columns(columns)
                .select(FixedStatement.rows(columns, List.of(EVENT_IDS, TENANTS, TYPES, CONVERSATIONS, DATA))));
    }

    /** An event to insert. */
    record NewEvent(UUID tenantId, EventType type, UUID conversationId, Map<String, Object> data) {
    }

    /** Inserts the events, in order, with one statement. */
    void add(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        insert.with()
                .set(EVENT_IDS, events.stream().map(event -> UUID.randomUUID()).toArray(UUID[]::new))
                .set(TENANTS, events.stream().map(NewEvent::tenantId).toArray(UUID[]::new))
                .set(TYPES, events.stream().map(event -> event.type().wireName()).toArray(String[]::new))
                .set(CONVERSATIONS, events.stream().map(NewEvent::conversationId).toArray(UUID[]::new))
                .set(DATA, events.stream().map(event -> JSONB.valueOf(json.writeValueAsString(event.data()))).toArray(JSONB[]::new))
                .execute();
    }

    /** The tenant's events after a position, oldest first, up to the horizon: none can commit behind them later. */
    List<Event> after(UUID tenantId, EventPosition position, Collection<String> types, int limit) {
        return dsl.selectFrom(EVENTS)
                .where(EVENTS.TENANT_ID.eq(tenantId),
                        DSL.row(EVENTS.TXID, EVENTS.ID).gt(position.txid(), position.id()),
                        EVENTS.TXID.lt(horizon()),
                        types == null ? DSL.noCondition() : EVENTS.TYPE.in(types))
                .orderBy(EVENTS.TXID, EVENTS.ID)
                .limit(limit)
                .fetch(r -> new Event(r.getEventId(), r.getType(), new EventPosition(r.getTxid(), r.getId()).toString(),
                        r.getOccurredAt(), r.getConversationId(), json.readValue(r.getData().data(), MAP)));
    }

    /** Deletes up to {@code limit} events that happened before {@code before}, across tenants. */
    int deleteOlderThan(OffsetDateTime before, int limit) {
        return dsl.deleteFrom(EVENTS)
                .where(EVENTS.ID.in(DSL.select(EVENTS.ID).from(EVENTS).where(EVENTS.OCCURRED_AT.lt(before)).limit(limit)))
                .execute();
    }

    /** A position before every event that is not final yet: reading after it gives what happens from now on. */
    EventPosition now() {
        return new EventPosition(dsl.select(horizon()).fetchSingle().value1() - 1, Long.MAX_VALUE);
    }

    private static org.jooq.Field<Long> horizon() {
        return DSL.field("events_horizon()", Long.class);
    }
}
