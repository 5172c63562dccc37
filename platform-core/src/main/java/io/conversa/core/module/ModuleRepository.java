package io.conversa.core.module;

import static io.conversa.core.db.jooq.Tables.MODULE_INSTALLATIONS;
import static io.conversa.core.db.jooq.Tables.MODULE_VERSIONS;

import io.conversa.core.db.jooq.tables.records.ModuleInstallationsRecord;
import io.conversa.core.db.jooq.tables.records.ModuleVersionsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

/** The catalogue of module versions and the tenants' installations. */
@Repository
class ModuleRepository {

    enum Kind { BUILT_IN, JAVA, JAVASCRIPT }

    private final DSLContext dsl;

    ModuleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Registers (or refreshes) a version every tenant sees. */
    void savePublic(String moduleId, String version, Kind kind, JSONB manifest, String source) {
        dsl.insertInto(MODULE_VERSIONS)
                .set(MODULE_VERSIONS.ID, UUID.randomUUID())
                .set(MODULE_VERSIONS.MODULE_ID, moduleId)
                .set(MODULE_VERSIONS.VERSION, version)
                .set(MODULE_VERSIONS.KIND, kind.name())
                .set(MODULE_VERSIONS.MANIFEST, manifest)
                .set(MODULE_VERSIONS.SOURCE, source)
                .onConflict(MODULE_VERSIONS.TENANT_ID, MODULE_VERSIONS.MODULE_ID, MODULE_VERSIONS.VERSION)
                .doUpdate()
                .set(MODULE_VERSIONS.KIND, kind.name())
                .set(MODULE_VERSIONS.MANIFEST, manifest)
                .set(MODULE_VERSIONS.SOURCE, source)
                .execute();
    }

    void addPrivate(UUID tenantId, String moduleId, String version, JSONB manifest, String source, UUID uploadedBy) {
        dsl.insertInto(MODULE_VERSIONS)
                .set(MODULE_VERSIONS.ID, UUID.randomUUID())
                .set(MODULE_VERSIONS.TENANT_ID, tenantId)
                .set(MODULE_VERSIONS.MODULE_ID, moduleId)
                .set(MODULE_VERSIONS.VERSION, version)
                .set(MODULE_VERSIONS.KIND, Kind.JAVASCRIPT.name())
                .set(MODULE_VERSIONS.MANIFEST, manifest)
                .set(MODULE_VERSIONS.SOURCE, source)
                .set(MODULE_VERSIONS.UPLOADED_BY, uploadedBy)
                .execute();
    }

    /** Every version the tenant may see: public ones and its own, oldest first. */
    List<ModuleVersionsRecord> visible(UUID tenantId) {
        return dsl.selectFrom(MODULE_VERSIONS).where(visibleTo(tenantId))
                .orderBy(MODULE_VERSIONS.MODULE_ID, MODULE_VERSIONS.CREATED_AT, MODULE_VERSIONS.VERSION)
                .fetch();
    }

    List<ModuleVersionsRecord> versions(UUID tenantId, String moduleId) {
        return dsl.selectFrom(MODULE_VERSIONS).where(visibleTo(tenantId), MODULE_VERSIONS.MODULE_ID.eq(moduleId))
                .orderBy(MODULE_VERSIONS.CREATED_AT, MODULE_VERSIONS.VERSION)
                .fetch();
    }

    Optional<ModuleVersionsRecord> find(UUID tenantId, String moduleId, String version) {
        return dsl.selectFrom(MODULE_VERSIONS)
                .where(visibleTo(tenantId), MODULE_VERSIONS.MODULE_ID.eq(moduleId), MODULE_VERSIONS.VERSION.eq(version))
                .fetchOptional();
    }

    /** Whether the id belongs to a public module (a tenant may not upload one of that name). */
    boolean isPublic(String moduleId) {
        return dsl.fetchExists(MODULE_VERSIONS, MODULE_VERSIONS.MODULE_ID.eq(moduleId), MODULE_VERSIONS.TENANT_ID.isNull());
    }

    List<ModuleInstallationsRecord> installations(UUID tenantId) {
        return dsl.selectFrom(MODULE_INSTALLATIONS).where(MODULE_INSTALLATIONS.TENANT_ID.eq(tenantId)).fetch();
    }

    Optional<ModuleInstallationsRecord> installation(UUID tenantId, String moduleId) {
        return dsl.selectFrom(MODULE_INSTALLATIONS)
                .where(MODULE_INSTALLATIONS.TENANT_ID.eq(tenantId), MODULE_INSTALLATIONS.MODULE_ID.eq(moduleId))
                .fetchOptional();
    }

    void saveInstallation(UUID tenantId, String moduleId, String version, byte[] secrets, UUID by) {
        OffsetDateTime now = OffsetDateTime.now();
        dsl.insertInto(MODULE_INSTALLATIONS)
                .set(MODULE_INSTALLATIONS.TENANT_ID, tenantId)
                .set(MODULE_INSTALLATIONS.MODULE_ID, moduleId)
                .set(MODULE_INSTALLATIONS.VERSION, version)
                .set(MODULE_INSTALLATIONS.SECRETS, secrets)
                .set(MODULE_INSTALLATIONS.INSTALLED_BY, by)
                .onConflict(MODULE_INSTALLATIONS.TENANT_ID, MODULE_INSTALLATIONS.MODULE_ID)
                .doUpdate()
                .set(MODULE_INSTALLATIONS.VERSION, version)
                .set(MODULE_INSTALLATIONS.SECRETS, secrets)
                .set(MODULE_INSTALLATIONS.UPDATED_AT, now)
                .execute();
    }

    boolean deleteInstallation(UUID tenantId, String moduleId) {
        return dsl.deleteFrom(MODULE_INSTALLATIONS)
                .where(MODULE_INSTALLATIONS.TENANT_ID.eq(tenantId), MODULE_INSTALLATIONS.MODULE_ID.eq(moduleId))
                .execute() > 0;
    }

    private static Condition visibleTo(UUID tenantId) {
        return MODULE_VERSIONS.TENANT_ID.isNull().or(MODULE_VERSIONS.TENANT_ID.eq(tenantId));
    }
}
