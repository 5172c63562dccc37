package io.conversa.core.template;

import static io.conversa.core.db.jooq.Tables.MESSAGE_TEMPLATES;

import io.conversa.core.db.jooq.tables.records.MessageTemplatesRecord;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The tenants' copies of their business accounts' templates, always within the caller's tenant. */
@Repository
class TemplateRepository {

    private static final TypeReference<List<Map<String, Object>>> COMPONENTS = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final JsonMapper json;

    TemplateRepository(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    List<MessageTemplate> list(UUID tenantId, String wabaId) {
        return dsl.selectFrom(MESSAGE_TEMPLATES)
                .where(MESSAGE_TEMPLATES.TENANT_ID.eq(tenantId), MESSAGE_TEMPLATES.WABA_ID.eq(wabaId))
                .orderBy(MESSAGE_TEMPLATES.NAME, MESSAGE_TEMPLATES.LANGUAGE)
                .fetch(this::template);
    }

    Optional<MessageTemplate> find(UUID tenantId, String wabaId, String name, String language) {
        return dsl.selectFrom(MESSAGE_TEMPLATES)
                .where(MESSAGE_TEMPLATES.TENANT_ID.eq(tenantId), MESSAGE_TEMPLATES.WABA_ID.eq(wabaId),
                        MESSAGE_TEMPLATES.NAME.eq(name), MESSAGE_TEMPLATES.LANGUAGE.eq(language))
                .fetchOptional(this::template);
    }

    /** Stores a template as Meta describes it, keeping the reason of an earlier rejection. */
    MessageTemplate save(UUID tenantId, String wabaId, GraphTemplate template) {
        return dsl.insertInto(MESSAGE_TEMPLATES)
                .set(MESSAGE_TEMPLATES.ID, UUID.randomUUID())
                .set(MESSAGE_TEMPLATES.TENANT_ID, tenantId)
                .set(MESSAGE_TEMPLATES.WABA_ID, wabaId)
                .set(MESSAGE_TEMPLATES.WA_TEMPLATE_ID, template.id())
                .set(MESSAGE_TEMPLATES.NAME, template.name())
                .set(MESSAGE_TEMPLATES.LANGUAGE, template.language())
                .set(MESSAGE_TEMPLATES.CATEGORY, template.category())
                .set(MESSAGE_TEMPLATES.STATUS, template.status())
                .set(MESSAGE_TEMPLATES.COMPONENTS, JSONB.valueOf(json.writeValueAsString(template.components())))
                .onConflict(MESSAGE_TEMPLATES.TENANT_ID, MESSAGE_TEMPLATES.WABA_ID, MESSAGE_TEMPLATES.NAME, MESSAGE_TEMPLATES.LANGUAGE)
                .doUpdate()
                .set(MESSAGE_TEMPLATES.WA_TEMPLATE_ID, template.id())
                .set(MESSAGE_TEMPLATES.CATEGORY, template.category())
                .set(MESSAGE_TEMPLATES.STATUS, template.status())
                .set(MESSAGE_TEMPLATES.COMPONENTS, JSONB.valueOf(json.writeValueAsString(template.components())))
                .set(MESSAGE_TEMPLATES.UPDATED_AT, OffsetDateTime.now())
                .returning()
                .fetchSingle(this::template);
    }

    /** Forgets the templates the account no longer has. */
    void removeOthers(UUID tenantId, String wabaId, Collection<String> waTemplateIds) {
        dsl.deleteFrom(MESSAGE_TEMPLATES)
                .where(MESSAGE_TEMPLATES.TENANT_ID.eq(tenantId), MESSAGE_TEMPLATES.WABA_ID.eq(wabaId),
                        MESSAGE_TEMPLATES.WA_TEMPLATE_ID.notIn(waTemplateIds))
                .execute();
    }

    int removeByName(UUID tenantId, String wabaId, String name) {
        return dsl.deleteFrom(MESSAGE_TEMPLATES)
                .where(MESSAGE_TEMPLATES.TENANT_ID.eq(tenantId), MESSAGE_TEMPLATES.WABA_ID.eq(wabaId), MESSAGE_TEMPLATES.NAME.eq(name))
                .execute();
    }

    /** Applies a review; returns the template if this tenant has it. */
    Optional<MessageTemplate> review(UUID tenantId, String wabaId, String waTemplateId, String status, String reason) {
        return dsl.update(MESSAGE_TEMPLATES)
                .set(MESSAGE_TEMPLATES.STATUS, status)
                .set(MESSAGE_TEMPLATES.REJECTED_REASON, "NONE".equals(reason) ? null : reason)
                .set(MESSAGE_TEMPLATES.UPDATED_AT, OffsetDateTime.now())
                .where(MESSAGE_TEMPLATES.TENANT_ID.eq(tenantId), MESSAGE_TEMPLATES.WABA_ID.eq(wabaId),
                        MESSAGE_TEMPLATES.WA_TEMPLATE_ID.eq(waTemplateId))
                .returning()
                .fetchOptional(this::template);
    }

    private MessageTemplate template(MessageTemplatesRecord r) {
        return MessageTemplate.of(r.getId(), r.getWaTemplateId(), r.getName(), r.getLanguage(), r.getCategory(), r.getStatus(),
                json.readValue(r.getComponents().data(), COMPONENTS), r.getRejectedReason(), r.getUpdatedAt());
    }
}
