package io.conversa.core.inbox;

import static io.conversa.core.db.jooq.Tables.QUICK_REPLIES;

import io.conversa.core.db.jooq.tables.records.QuickRepliesRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class QuickReplyRepository {

    private final DSLContext dsl;

    QuickReplyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<QuickReply> list(UUID tenantId) {
        return dsl.selectFrom(QUICK_REPLIES).where(QUICK_REPLIES.TENANT_ID.eq(tenantId)).orderBy(QUICK_REPLIES.SHORTCUT)
                .fetch(QuickReplyRepository::view);
    }

    /** Adds one; empty when the tenant already has the shortcut. */
    Optional<QuickReply> insert(UUID tenantId, QuickReply.Draft draft, UUID createdBy) {
        return dsl.insertInto(QUICK_REPLIES)
                .set(QUICK_REPLIES.ID, UUID.randomUUID()).set(QUICK_REPLIES.TENANT_ID, tenantId)
                .set(QUICK_REPLIES.SHORTCUT, draft.shortcut()).set(QUICK_REPLIES.BODY, draft.body())
                .set(QUICK_REPLIES.CREATED_BY, createdBy)
                .onConflictDoNothing().returning().fetchOptional(QuickReplyRepository::view);
    }

    Optional<QuickReply> update(UUID tenantId, UUID id, QuickReply.Draft draft) {
        return dsl.update(QUICK_REPLIES).set(QUICK_REPLIES.SHORTCUT, draft.shortcut()).set(QUICK_REPLIES.BODY, draft.body())
                .set(QUICK_REPLIES.UPDATED_AT, OffsetDateTime.now())
                .where(QUICK_REPLIES.TENANT_ID.eq(tenantId), QUICK_REPLIES.ID.eq(id))
                .returning().fetchOptional(QuickReplyRepository::view);
    }

    boolean delete(UUID tenantId, UUID id) {
        return dsl.deleteFrom(QUICK_REPLIES).where(QUICK_REPLIES.TENANT_ID.eq(tenantId), QUICK_REPLIES.ID.eq(id)).execute() == 1;
    }

    private static QuickReply view(QuickRepliesRecord r) {
        return new QuickReply(r.getId(), r.getShortcut(), r.getBody(), r.getUpdatedAt());
    }
}
