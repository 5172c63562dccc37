package io.conversa.core.module;

import static io.conversa.core.db.jooq.Tables.MODULE_STORE;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The key-value stores of the {@code keyValueStore} capability: one per tenant and module. */
@Repository
class ModuleStoreRepository {

    private final DSLContext dsl;

    ModuleStoreRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<String> get(UUID tenantId, String moduleId, String key) {
        return dsl.select(MODULE_STORE.VALUE).from(MODULE_STORE)
                .where(MODULE_STORE.TENANT_ID.eq(tenantId), MODULE_STORE.MODULE_ID.eq(moduleId), MODULE_STORE.KEY.eq(key))
                .fetchOptional(MODULE_STORE.VALUE);
    }

    void put(UUID tenantId, String moduleId, String key, String value) {
        dsl.insertInto(MODULE_STORE)
                .set(MODULE_STORE.TENANT_ID, tenantId)
                .set(MODULE_STORE.MODULE_ID, moduleId)
                .set(MODULE_STORE.KEY, key)
                .set(MODULE_STORE.VALUE, value)
                .onConflict(MODULE_STORE.TENANT_ID, MODULE_STORE.MODULE_ID, MODULE_STORE.KEY)
                .doUpdate()
                .set(MODULE_STORE.VALUE, value)
                .set(MODULE_STORE.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }

    void delete(UUID tenantId, String moduleId, String key) {
        dsl.deleteFrom(MODULE_STORE)
                .where(MODULE_STORE.TENANT_ID.eq(tenantId), MODULE_STORE.MODULE_ID.eq(moduleId), MODULE_STORE.KEY.eq(key))
                .execute();
    }

    void deleteAll(UUID tenantId, String moduleId) {
        dsl.deleteFrom(MODULE_STORE).where(MODULE_STORE.TENANT_ID.eq(tenantId), MODULE_STORE.MODULE_ID.eq(moduleId)).execute();
    }

    int count(UUID tenantId, String moduleId) {
        return dsl.fetchCount(MODULE_STORE, MODULE_STORE.TENANT_ID.eq(tenantId), MODULE_STORE.MODULE_ID.eq(moduleId));
    }
}
