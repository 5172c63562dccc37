package io.conversa.core.user;

import static io.conversa.core.db.jooq.Tables.INVITATIONS;
import static io.conversa.core.db.jooq.Tables.TENANTS;

import io.conversa.core.db.jooq.tables.records.InvitationsRecord;
import io.conversa.core.tenant.Role;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class InvitationRepository {

    private final DSLContext dsl;

    InvitationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Invitation insert(UUID tenantId, NewInvitation invitation, String email, String tokenHash, UUID invitedBy,
            OffsetDateTime expiresAt) {
        return view(dsl.insertInto(INVITATIONS)
                .set(INVITATIONS.ID, UUID.randomUUID())
                .set(INVITATIONS.TENANT_ID, tenantId)
                .set(INVITATIONS.EMAIL, email)
                .set(INVITATIONS.NAME, invitation.name().strip())
                .set(INVITATIONS.ROLE, invitation.role().name())
                .set(INVITATIONS.TOKEN_HASH, tokenHash)
                .set(INVITATIONS.INVITED_BY, invitedBy)
                .set(INVITATIONS.EXPIRES_AT, expiresAt)
                .returning().fetchSingle());
    }

    List<Invitation> pending(UUID tenantId) {
        return dsl.selectFrom(INVITATIONS)
                .where(INVITATIONS.TENANT_ID.eq(tenantId), INVITATIONS.ACCEPTED_AT.isNull(), INVITATIONS.REVOKED_AT.isNull(),
                        INVITATIONS.EXPIRES_AT.gt(DSL.currentOffsetDateTime()))
                .orderBy(INVITATIONS.CREATED_AT.desc())
                .fetch(InvitationRepository::view);
    }

    boolean revoke(UUID tenantId, UUID id) {
        return dsl.update(INVITATIONS).set(INVITATIONS.REVOKED_AT, DSL.currentOffsetDateTime())
                .where(INVITATIONS.TENANT_ID.eq(tenantId), INVITATIONS.ID.eq(id), INVITATIONS.ACCEPTED_AT.isNull(),
                        INVITATIONS.REVOKED_AT.isNull())
                .execute() == 1;
    }

    /** The invitation of a token, whatever its state, locked when {@code forUpdate}; across tenants. */
    Optional<InvitationsRecord> byToken(String tokenHash, boolean forUpdate) {
        var query = dsl.selectFrom(INVITATIONS).where(INVITATIONS.TOKEN_HASH.eq(tokenHash));
        return forUpdate ? query.forUpdate().fetchOptional() : query.fetchOptional();
    }

    String tenantName(UUID tenantId) {
        return dsl.select(TENANTS.NAME).from(TENANTS).where(TENANTS.ID.eq(tenantId)).fetchSingle(TENANTS.NAME);
    }

    void markAccepted(UUID id) {
        dsl.update(INVITATIONS).set(INVITATIONS.ACCEPTED_AT, DSL.currentOffsetDateTime()).where(INVITATIONS.ID.eq(id)).execute();
    }

    static Invitation view(InvitationsRecord r) {
        return new Invitation(r.getId(), r.getEmail(), r.getName(), Role.valueOf(r.getRole()), r.getCreatedAt(), r.getExpiresAt());
    }
}
