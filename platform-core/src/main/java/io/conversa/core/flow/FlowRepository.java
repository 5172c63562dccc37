package io.conversa.core.flow;

import static io.conversa.core.db.jooq.Tables.FLOWS;
import static io.conversa.core.db.jooq.Tables.FLOW_VERSIONS;

import io.conversa.core.db.jooq.tables.records.FlowsRecord;
import io.conversa.engine.Flow;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class FlowRepository {

    private final DSLContext dsl;

    FlowRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(UUID tenantId, UUID id, String name, JSONB draft, UUID by) {
        dsl.insertInto(FLOWS)
                .set(FLOWS.ID, id).set(FLOWS.TENANT_ID, tenantId).set(FLOWS.NAME, name)
                .set(FLOWS.DRAFT, draft).set(FLOWS.UPDATED_BY, by)
                .execute();
    }

    List<FlowSummary> list(UUID tenantId) {
        return dsl.selectFrom(FLOWS).where(FLOWS.TENANT_ID.eq(tenantId), FLOWS.DELETED_AT.isNull())
                .orderBy(FLOWS.UPDATED_AT.desc()).fetch(FlowRepository::summary);
    }

    /** Locked, so that concurrent saves and publishes of one flow take turns. */
    Optional<FlowsRecord> lock(UUID tenantId, UUID id) {
        return dsl.selectFrom(FLOWS).where(FLOWS.TENANT_ID.eq(tenantId), FLOWS.ID.eq(id), FLOWS.DELETED_AT.isNull())
                .forUpdate().fetchOptional();
    }

    Optional<FlowsRecord> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(FLOWS).where(FLOWS.TENANT_ID.eq(tenantId), FLOWS.ID.eq(id), FLOWS.DELETED_AT.isNull())
                .fetchOptional();
    }

    void updateDraft(UUID tenantId, UUID id, String name, JSONB draft, int revision, UUID by) {
        dsl.update(FLOWS)
                .set(FLOWS.NAME, name).set(FLOWS.DRAFT, draft).set(FLOWS.DRAFT_REVISION, revision)
                .set(FLOWS.UPDATED_AT, DSL.currentOffsetDateTime()).set(FLOWS.UPDATED_BY, by)
                .where(FLOWS.TENANT_ID.eq(tenantId), FLOWS.ID.eq(id))
                .execute();
    }

    void markDeleted(UUID tenantId, UUID id) {
        dsl.update(FLOWS).set(FLOWS.DELETED_AT, DSL.currentOffsetDateTime())
                .where(FLOWS.TENANT_ID.eq(tenantId), FLOWS.ID.eq(id)).execute();
    }

    void insertVersion(UUID tenantId, UUID flowId, int version, JSONB definition, UUID by) {
        dsl.insertInto(FLOW_VERSIONS)
                .set(FLOW_VERSIONS.FLOW_ID, flowId).set(FLOW_VERSIONS.VERSION, version)
                .set(FLOW_VERSIONS.TENANT_ID, tenantId).set(FLOW_VERSIONS.DEFINITION, definition)
                .set(FLOW_VERSIONS.PUBLISHED_BY, by)
                .execute();
        dsl.update(FLOWS).set(FLOWS.PUBLISHED_VERSION, version)
                .where(FLOWS.TENANT_ID.eq(tenantId), FLOWS.ID.eq(flowId)).execute();
    }

    /** Freezes a draft under test as a version no one starts but the builder's test conversation. */
    void insertTestVersion(UUID tenantId, UUID flowId, int version, JSONB definition, UUID by) {
        dsl.insertInto(FLOW_VERSIONS)
                .set(FLOW_VERSIONS.FLOW_ID, flowId).set(FLOW_VERSIONS.VERSION, version)
                .set(FLOW_VERSIONS.TENANT_ID, tenantId).set(FLOW_VERSIONS.DEFINITION, definition)
                .set(FLOW_VERSIONS.PUBLISHED_BY, by)
                .onConflictDoNothing()
                .execute();
    }

    /** The published versions (test versions, numbered below 1, are not). */
    List<FlowVersion> versions(UUID tenantId, UUID flowId) {
        return dsl.select(FLOW_VERSIONS.FLOW_ID, FLOW_VERSIONS.VERSION, FLOW_VERSIONS.PUBLISHED_AT, FLOW_VERSIONS.PUBLISHED_BY)
                .from(FLOW_VERSIONS)
                .where(FLOW_VERSIONS.TENANT_ID.eq(tenantId), FLOW_VERSIONS.FLOW_ID.eq(flowId), FLOW_VERSIONS.VERSION.gt(0))
                .orderBy(FLOW_VERSIONS.VERSION.desc())
                .fetch(r -> new FlowVersion(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    Optional<JSONB> definition(UUID tenantId, UUID flowId, int version) {
        return dsl.select(FLOW_VERSIONS.DEFINITION).from(FLOW_VERSIONS)
                .where(FLOW_VERSIONS.TENANT_ID.eq(tenantId), FLOW_VERSIONS.FLOW_ID.eq(flowId),
                        FLOW_VERSIONS.VERSION.eq(version))
                .fetchOptional(r -> r.value1());
    }

    /** The tenant's flows that conversations can start on: id and published version, oldest flow first. */
    List<Record2<UUID, Integer>> publishedVersions(UUID tenantId) {
        return dsl.select(FLOWS.ID, FLOWS.PUBLISHED_VERSION).from(FLOWS)
                .where(FLOWS.TENANT_ID.eq(tenantId), FLOWS.DELETED_AT.isNull(), FLOWS.PUBLISHED_VERSION.isNotNull())
                .orderBy(FLOWS.CREATED_AT)
                .fetch();
    }

    Optional<Integer> publishedVersion(UUID tenantId, UUID flowId) {
        return dsl.select(FLOWS.PUBLISHED_VERSION).from(FLOWS)
                .where(FLOWS.TENANT_ID.eq(tenantId), FLOWS.ID.eq(flowId), FLOWS.DELETED_AT.isNull(),
                        FLOWS.PUBLISHED_VERSION.isNotNull())
                .fetchOptional(r -> r.value1());
    }

    static FlowSummary summary(FlowsRecord r) {
        return FlowSummary.of(r.getId(), r.getName(), r.getDraftRevision(), r.getPublishedVersion(), r.getUpdatedAt(),
                r.getUpdatedBy());
    }

    static String nameOf(Flow flow) {
        return flow.name() == null || flow.name().isBlank() ? "Untitled flow" : flow.name().strip();
    }
}
