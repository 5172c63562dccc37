package io.conversa.core.event;

import static io.conversa.core.db.jooq.Tables.EVENTS;

import io.conversa.core.db.ArrayInsert;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class EventRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final JsonMapper json;

    EventRepository(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    /** An event to insert. */
    record NewEvent(UUID tenantId, EventType type, UUID conversationId, Map<String, Object> data) {
    }

    /** What an event's row holds: its data as JSON, and a new id. */
    List<ArrayInsert.Column<NewEvent>> columns() {
        return List.of(ArrayInsert.Column.of(EVENTS.EVENT_ID, event -> UUID.randomUUID()),
                ArrayInsert.Column.of(EVENTS.TENANT_ID, NewEvent::tenantId),
                ArrayInsert.Column.of(EVENTS.TYPE, event -> event.type().wireName()),
                ArrayInsert.Column.of(EVENTS.CONVERSATION_ID, NewEvent::conversationId),
                ArrayInsert.Column.of(EVENTS.DATA, event -> JSONB.valueOf(json.writeValueAsString(event.data()))));
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
