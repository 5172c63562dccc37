package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.UPLOADED_MEDIA;

import io.conversa.core.db.jooq.tables.records.UploadedMediaRecord;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Media a tenant uploaded to one of its numbers, so messages that use it can be checked before sending. */
@Repository
class UploadedMediaRepository {

    private final DSLContext dsl;

    UploadedMediaRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    UploadedMediaRecord add(UUID tenantId, UUID channelId, String waMediaId, String mimeType, long size, String filename,
            UUID uploadedBy) {
        return dsl.insertInto(UPLOADED_MEDIA)
                .set(UPLOADED_MEDIA.ID, UUID.randomUUID())
                .set(UPLOADED_MEDIA.TENANT_ID, tenantId)
                .set(UPLOADED_MEDIA.CHANNEL_ID, channelId)
                .set(UPLOADED_MEDIA.WA_MEDIA_ID, waMediaId)
                .set(UPLOADED_MEDIA.MIME_TYPE, mimeType)
                .set(UPLOADED_MEDIA.SIZE, size)
                .set(UPLOADED_MEDIA.FILENAME, filename)
                .set(UPLOADED_MEDIA.UPLOADED_BY, uploadedBy)
                .returning()
                .fetchSingle();
    }

    Optional<UploadedMediaRecord> find(UUID channelId, String waMediaId) {
        return dsl.selectFrom(UPLOADED_MEDIA)
                .where(UPLOADED_MEDIA.CHANNEL_ID.eq(channelId), UPLOADED_MEDIA.WA_MEDIA_ID.eq(waMediaId))
                .fetchOptional();
    }
}
