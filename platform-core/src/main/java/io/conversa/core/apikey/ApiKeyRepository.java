package io.conversa.core.apikey;

import static io.conversa.core.db.jooq.Tables.API_KEYS;

import io.conversa.core.db.jooq.tables.records.ApiKeysRecord;
import io.conversa.core.tenant.Role;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private final DSLContext dsl;

    ApiKeyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(UUID tenantId, UUID id, String name, String prefix, byte[] hash, Role role, List<String> scopes,
            Integer requestsPerMinute, UUID createdBy) {
        dsl.insertInto(API_KEYS)
                .set(API_KEYS.ID, id)
                .set(API_KEYS.TENANT_ID, tenantId)
                .set(API_KEYS.NAME, name)
                .set(API_KEYS.PREFIX, prefix)
                .set(API_KEYS.KEY_HASH, hash)
                .set(API_KEYS.ROLE, role.name())
                .set(API_KEYS.SCOPES, scopes == null ? null : scopes.toArray(String[]::new))
                .set(API_KEYS.REQUESTS_PER_MINUTE, requestsPerMinute)
                .set(API_KEYS.CREATED_BY, createdBy)
                .execute();
    }

    List<ApiKey> list(UUID tenantId) {
        return dsl.selectFrom(API_KEYS).where(API_KEYS.TENANT_ID.eq(tenantId))
                .orderBy(API_KEYS.CREATED_AT.desc())
                .fetch(ApiKeyRepository::apiKey);
    }

    Optional<ApiKey> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(API_KEYS).where(API_KEYS.TENANT_ID.eq(tenantId), API_KEYS.ID.eq(id))
                .fetchOptional(ApiKeyRepository::apiKey);
    }

    void revoke(UUID tenantId, UUID id) {
        dsl.update(API_KEYS).set(API_KEYS.REVOKED_AT, DSL.currentOffsetDateTime())
                .where(API_KEYS.TENANT_ID.eq(tenantId), API_KEYS.ID.eq(id), API_KEYS.REVOKED_AT.isNull())
                .execute();
    }

    /** Across tenants: the key is what tells whose it is. */
    Optional<ApiKeysRecord> findActiveByHash(byte[] hash) {
        return dsl.selectFrom(API_KEYS).where(API_KEYS.KEY_HASH.eq(hash), API_KEYS.REVOKED_AT.isNull()).fetchOptional();
    }

    /** At most one write a minute per key, however busy it is. */
    void touch(UUID id) {
        dsl.update(API_KEYS).set(API_KEYS.LAST_USED_AT, DSL.currentOffsetDateTime())
                .where(API_KEYS.ID.eq(id))
                .and(API_KEYS.LAST_USED_AT.isNull()
                        .or(API_KEYS.LAST_USED_AT.lt(DSL.field("now() - interval '1 minute'", OffsetDateTime.class))))
                .execute();
    }

    private static ApiKey apiKey(ApiKeysRecord r) {
        return new ApiKey(r.getId(), r.getName(), r.getPrefix(), Role.valueOf(r.getRole()),
                r.getScopes() == null ? null : List.of(r.getScopes()), r.getRequestsPerMinute(), r.getCreatedBy(),
                r.getCreatedAt(), r.getLastUsedAt(), r.getRevokedAt());
    }
}
