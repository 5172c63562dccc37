package io.conversa.core.audit;

import static io.conversa.core.db.jooq.Tables.AUDIT_EVENTS;

import io.conversa.core.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and reads a tenant's audit log. Entries are written in the transaction of the
 * action they record, so an action and its record commit or roll back together.
 */
@Repository
public class AuditLog {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final JsonMapper jsonMapper;

    AuditLog(DSLContext dsl, JsonMapper jsonMapper) {
        this.dsl = dsl;
        this.jsonMapper = jsonMapper;
    }

    public void record(Caller actor, AuditAction action, String target, ClientInfo client, Map<String, ?> details) {
        insert(actor.tenantId(), actor.userId(), actor.apiKeyId(), action, target, client, details);
    }

    /** For actions whose actor is known by user only, such as a login. */
    public void recordForUser(UUID tenantId, UUID userId, AuditAction action, ClientInfo client) {
        insert(tenantId, userId, null, action, null, client, Map.of());
    }

    /** For what Conversa itself did to a tenant's settings (no member or key acted), such as disabling a failing webhook. */
    public void recordBySystem(UUID tenantId, AuditAction action, String target, Map<String, ?> details) {
        insert(tenantId, null, null, action, target, ClientInfo.SYSTEM, details);
    }

    /** Newest first, below {@code beforeId} when given, those the filter keeps. */
    List<AuditEvent> latest(UUID tenantId, AuditFilter filter, Long beforeId, int limit) {
        return dsl.selectFrom(AUDIT_EVENTS)
                .where(AUDIT_EVENTS.TENANT_ID.eq(tenantId), beforeId == null ? DSL.noCondition() : AUDIT_EVENTS.ID.lt(beforeId),
                        filter.actorUserId() == null ? DSL.noCondition() : AUDIT_EVENTS.ACTOR_USER_ID.eq(filter.actorUserId()),
                        filter.action() == null ? DSL.noCondition() : AUDIT_EVENTS.ACTION.eq(filter.action()),
                        filter.from() == null ? DSL.noCondition() : AUDIT_EVENTS.OCCURRED_AT.ge(filter.from()),
                        filter.to() == null ? DSL.noCondition() : AUDIT_EVENTS.OCCURRED_AT.lt(filter.to()))
                .orderBy(AUDIT_EVENTS.ID.desc())
                .limit(limit)
                .fetch(r -> new AuditEvent(r.getId(), r.getOccurredAt(), r.getActorUserId(), r.getActorApiKeyId(),
                        r.getAction(), r.getTarget(), r.getIp(), r.getUserAgent(),
                        jsonMapper.readValue(r.getDetails().data(), DETAILS)));
    }

    private void insert(UUID tenantId, UUID userId, UUID apiKeyId, AuditAction action, String target,
            ClientInfo client, Map<String, ?> details) {
        dsl.insertInto(AUDIT_EVENTS)
                .set(AUDIT_EVENTS.TENANT_ID, tenantId)
                .set(AUDIT_EVENTS.ACTOR_USER_ID, userId)
                .set(AUDIT_EVENTS.ACTOR_API_KEY_ID, apiKeyId)
                .set(AUDIT_EVENTS.ACTION, action.code())
                .set(AUDIT_EVENTS.TARGET, target)
                .set(AUDIT_EVENTS.IP, client.ip())
                .set(AUDIT_EVENTS.USER_AGENT, client.userAgent())
                .set(AUDIT_EVENTS.DETAILS, JSONB.valueOf(jsonMapper.writeValueAsString(details)))
                .execute();
    }
}
