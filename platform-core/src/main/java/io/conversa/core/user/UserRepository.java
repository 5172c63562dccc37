package io.conversa.core.user;

import static io.conversa.core.db.jooq.Tables.MEMBERSHIPS;
import static io.conversa.core.db.jooq.Tables.TENANTS;
import static io.conversa.core.db.jooq.Tables.USERS;

import io.conversa.core.tenant.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Accounts and their memberships in tenants. */
@Repository
public class UserRepository {

    private final DSLContext dsl;

    UserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<Account> findAccountByEmail(String email) {
        return dsl.selectFrom(USERS).where(USERS.EMAIL.eq(email))
                .fetchOptional(r -> new Account(r.getId(), r.getEmail(), r.getName(), r.getPasswordHash()));
    }

    public Optional<Account> findAccount(UUID id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id))
                .fetchOptional(r -> new Account(r.getId(), r.getEmail(), r.getName(), r.getPasswordHash()));
    }

    /** The language the person chose for the console, if any. */
    public Optional<String> language(UUID id) {
        return dsl.select(USERS.LANGUAGE).from(USERS).where(USERS.ID.eq(id)).fetchOptional(USERS.LANGUAGE);
    }

    /** @param language {@code en}, {@code pt-BR}, or null for the browser's */
    public void setLanguage(UUID id, String language) {
        dsl.update(USERS).set(USERS.LANGUAGE, language).where(USERS.ID.eq(id)).execute();
    }

    public void insertAccount(UUID id, String email, String name, String passwordHash) {
        dsl.insertInto(USERS)
                .set(USERS.ID, id)
                .set(USERS.EMAIL, email)
                .set(USERS.NAME, name)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .execute();
    }

    public void updateName(UUID userId, String name) {
        dsl.update(USERS).set(USERS.NAME, name).set(USERS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(USERS.ID.eq(userId)).execute();
    }

    /** Deletes an account that no tenant holds any more; a no-op while one still does. */
    public void deleteAccountIfNoMemberships(UUID userId) {
        dsl.deleteFrom(USERS)
                .where(USERS.ID.eq(userId))
                .andNotExists(DSL.selectOne().from(MEMBERSHIPS).where(MEMBERSHIPS.USER_ID.eq(userId)))
                .execute();
    }

    /** The account's tenants, the one joined first first. */
    public List<Membership> membershipsOf(UUID userId) {
        return dsl.select(MEMBERSHIPS.TENANT_ID, TENANTS.NAME, MEMBERSHIPS.ROLE)
                .from(MEMBERSHIPS).join(TENANTS).on(TENANTS.ID.eq(MEMBERSHIPS.TENANT_ID))
                .where(MEMBERSHIPS.USER_ID.eq(userId))
                .orderBy(MEMBERSHIPS.CREATED_AT, MEMBERSHIPS.TENANT_ID)
                .fetch(r -> new Membership(r.value1(), r.value2(), Role.valueOf(r.value3())));
    }

    public Optional<Role> roleOf(UUID tenantId, UUID userId) {
        return dsl.select(MEMBERSHIPS.ROLE).from(MEMBERSHIPS)
                .where(MEMBERSHIPS.TENANT_ID.eq(tenantId), MEMBERSHIPS.USER_ID.eq(userId))
                .fetchOptional(r -> Role.valueOf(r.value1()));
    }

    public void insertMembership(UUID tenantId, UUID userId, Role role) {
        dsl.insertInto(MEMBERSHIPS)
                .set(MEMBERSHIPS.TENANT_ID, tenantId)
                .set(MEMBERSHIPS.USER_ID, userId)
                .set(MEMBERSHIPS.ROLE, role.name())
                .execute();
    }

    public List<Member> members(UUID tenantId) {
        return members(MEMBERSHIPS.TENANT_ID.eq(tenantId));
    }

    public Optional<Member> member(UUID tenantId, UUID userId) {
        return members(MEMBERSHIPS.TENANT_ID.eq(tenantId).and(USERS.ID.eq(userId))).stream().findFirst();
    }

    public void updateRole(UUID tenantId, UUID userId, Role role) {
        dsl.update(MEMBERSHIPS).set(MEMBERSHIPS.ROLE, role.name())
                .where(MEMBERSHIPS.TENANT_ID.eq(tenantId), MEMBERSHIPS.USER_ID.eq(userId))
                .execute();
    }

    public void deleteMembership(UUID tenantId, UUID userId) {
        dsl.deleteFrom(MEMBERSHIPS)
                .where(MEMBERSHIPS.TENANT_ID.eq(tenantId), MEMBERSHIPS.USER_ID.eq(userId))
                .execute();
    }

    /** Owners of the tenant, locked so that two concurrent demotions cannot leave it without one. */
    public int lockOwners(UUID tenantId) {
        return dsl.selectFrom(MEMBERSHIPS)
                .where(MEMBERSHIPS.TENANT_ID.eq(tenantId), MEMBERSHIPS.ROLE.eq(Role.OWNER.name()))
                .forUpdate()
                .fetch()
                .size();
    }

    private List<Member> members(Condition condition) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.NAME, MEMBERSHIPS.ROLE, MEMBERSHIPS.CREATED_AT)
                .from(MEMBERSHIPS).join(USERS).on(USERS.ID.eq(MEMBERSHIPS.USER_ID))
                .where(condition)
                .orderBy(USERS.NAME, USERS.EMAIL)
                .fetch(r -> new Member(r.value1(), r.value2(), r.value3(), Role.valueOf(r.value4()), r.value5()));
    }
}
