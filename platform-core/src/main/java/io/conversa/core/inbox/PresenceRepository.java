package io.conversa.core.inbox;

import static io.conversa.core.db.jooq.Tables.CHANNELS;
import static io.conversa.core.db.jooq.Tables.MEMBER_PRESENCE;
import static io.conversa.core.db.jooq.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class PresenceRepository {

    private final DSLContext dsl;

    PresenceRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void set(UUID tenantId, UUID userId, String status, OffsetDateTime at) {
        dsl.insertInto(MEMBER_PRESENCE).set(MEMBER_PRESENCE.USER_ID, userId).set(MEMBER_PRESENCE.TENANT_ID, tenantId)
                .set(MEMBER_PRESENCE.STATUS, status).set(MEMBER_PRESENCE.SEEN_AT, at)
                .onConflict(MEMBER_PRESENCE.USER_ID).doUpdate()
                .set(MEMBER_PRESENCE.STATUS, status).set(MEMBER_PRESENCE.SEEN_AT, at)
                .execute();
    }

    void remove(UUID tenantId, UUID userId) {
        dsl.deleteFrom(MEMBER_PRESENCE).where(MEMBER_PRESENCE.TENANT_ID.eq(tenantId), MEMBER_PRESENCE.USER_ID.eq(userId)).execute();
    }

    /** Members seen since {@code seenSince}, with their status. */
    List<MemberPresence> present(UUID tenantId, OffsetDateTime seenSince) {
        return dsl.select(MEMBER_PRESENCE.USER_ID, USERS.NAME, MEMBER_PRESENCE.STATUS, MEMBER_PRESENCE.SEEN_AT)
                .from(MEMBER_PRESENCE).join(USERS).on(USERS.ID.eq(MEMBER_PRESENCE.USER_ID))
                .where(MEMBER_PRESENCE.TENANT_ID.eq(tenantId), MEMBER_PRESENCE.SEEN_AT.ge(seenSince))
                .orderBy(USERS.NAME)
                .fetch(r -> new MemberPresence(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    boolean autoAssigns(UUID tenantId, UUID channelId) {
        return dsl.fetchExists(CHANNELS, CHANNELS.TENANT_ID.eq(tenantId), CHANNELS.ID.eq(channelId), CHANNELS.AUTO_ASSIGN.isTrue());
    }

    /**
     * The online member whose last automatic assignment is oldest, marked as assigned now. The
     * tenant's automatic assignments take turns (a transaction lock), so two handoffs at once go
     * to two members.
     */
    Optional<UUID> nextOnline(UUID tenantId, OffsetDateTime seenSince, OffsetDateTime now) {
        dsl.select(DSL.field("pg_advisory_xact_lock(hashtextextended({0}, 0))", Object.class, DSL.val("auto-assign:" + tenantId)))
                .fetch();
        Optional<UUID> next = dsl.select(MEMBER_PRESENCE.USER_ID).from(MEMBER_PRESENCE)
                .where(MEMBER_PRESENCE.TENANT_ID.eq(tenantId), MEMBER_PRESENCE.STATUS.eq(DSL.inline("ONLINE")),
                        MEMBER_PRESENCE.SEEN_AT.ge(seenSince))
                .orderBy(MEMBER_PRESENCE.LAST_ASSIGNED_AT.asc().nullsFirst(), MEMBER_PRESENCE.USER_ID)
                .limit(1)
                .fetchOptional(MEMBER_PRESENCE.USER_ID);
        next.ifPresent(userId -> dsl.update(MEMBER_PRESENCE).set(MEMBER_PRESENCE.LAST_ASSIGNED_AT, now)
                .where(MEMBER_PRESENCE.USER_ID.eq(userId)).execute());
        return next;
    }
}
