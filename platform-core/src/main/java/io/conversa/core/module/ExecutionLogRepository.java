package io.conversa.core.module;

import static io.conversa.core.db.jooq.Tables.MODULE_EXECUTIONS;

import io.conversa.core.db.jooq.tables.records.ModuleExecutionsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ExecutionLogRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> LINES = new TypeReference<>() {
    };

    private final DSLContext dsl;

    ExecutionLogRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void add(UUID tenantId, ModuleExecution execution) {
        dsl.insertInto(MODULE_EXECUTIONS)
                .set(MODULE_EXECUTIONS.ID, execution.id())
                .set(MODULE_EXECUTIONS.TENANT_ID, tenantId)
                .set(MODULE_EXECUTIONS.MODULE_ID, execution.moduleId())
                .set(MODULE_EXECUTIONS.VERSION, execution.version())
                .set(MODULE_EXECUTIONS.CONVERSATION_ID, execution.conversationId())
                .set(MODULE_EXECUTIONS.STARTED_AT, execution.startedAt())
                .set(MODULE_EXECUTIONS.DURATION_MS, execution.durationMs())
                .set(MODULE_EXECUTIONS.OUTCOME, execution.outcome().name())
                .set(MODULE_EXECUTIONS.ERROR, execution.error())
                .set(MODULE_EXECUTIONS.LOGS, JSONB.valueOf(JSON.writeValueAsString(execution.logs())))
                .execute();
    }

    /** Deletes up to {@code limit} executions that started before {@code before}, across tenants; returns how many. */
    int deleteOlderThan(OffsetDateTime before, int limit) {
        return dsl.deleteFrom(MODULE_EXECUTIONS)
                .where(MODULE_EXECUTIONS.ID.in(DSL.select(MODULE_EXECUTIONS.ID).from(MODULE_EXECUTIONS)
                        .where(MODULE_EXECUTIONS.STARTED_AT.lt(before)).limit(limit)))
                .execute();
    }

    /** The latest executions first, of one module or all. */
    List<ModuleExecution> latest(UUID tenantId, String moduleId, int limit) {
        Condition condition = MODULE_EXECUTIONS.TENANT_ID.eq(tenantId)
                .and(moduleId == null ? DSL.noCondition() : MODULE_EXECUTIONS.MODULE_ID.eq(moduleId));
        return dsl.selectFrom(MODULE_EXECUTIONS).where(condition)
                .orderBy(MODULE_EXECUTIONS.STARTED_AT.desc(), MODULE_EXECUTIONS.ID)
                .limit(limit)
                .fetch(ExecutionLogRepository::execution);
    }

    private static ModuleExecution execution(ModuleExecutionsRecord e) {
        return new ModuleExecution(e.getId(), e.getModuleId(), e.getVersion(), e.getConversationId(), e.getStartedAt(),
                e.getDurationMs(), ModuleExecution.Outcome.valueOf(e.getOutcome()), e.getError(),
                JSON.readValue(e.getLogs().data(), LINES));
    }
}
