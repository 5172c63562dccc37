package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.MEDIA;

import io.conversa.core.db.jooq.tables.records.MediaRecord;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class MediaRepository {

    private final DSLContext dsl;

    MediaRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void addPending(UUID tenantId, UUID channelId, String waMediaId) {
        dsl.insertInto(MEDIA).set(MEDIA.ID, UUID.randomUUID()).set(MEDIA.TENANT_ID, tenantId)
                .set(MEDIA.CHANNEL_ID, channelId).set(MEDIA.WA_MEDIA_ID, waMediaId)
                .onConflictDoNothing().execute();
    }

    /** The media due to be fetched longest ago that no other node is fetching. */
    Optional<MediaRecord> lockNextDue(OffsetDateTime now) {
        return dsl.selectFrom(MEDIA).where(MEDIA.STATUS.eq(DSL.inline("PENDING")), MEDIA.NEXT_ATTEMPT_AT.le(now))
                .orderBy(MEDIA.NEXT_ATTEMPT_AT).limit(1).forUpdate().skipLocked().fetchOptional();
    }

    void retryLater(UUID id, OffsetDateTime at, String error) {
        dsl.update(MEDIA).set(MEDIA.ATTEMPTS, MEDIA.ATTEMPTS.plus(1)).set(MEDIA.NEXT_ATTEMPT_AT, at).set(MEDIA.ERROR, error)
                .where(MEDIA.ID.eq(id)).execute();
    }

    void stored(UUID id, String mimeType, String sha256, byte[] content, OffsetDateTime at) {
        dsl.update(MEDIA).set(MEDIA.STATUS, "DOWNLOADED").set(MEDIA.MIME_TYPE, mimeType).set(MEDIA.SHA256, sha256)
                .set(MEDIA.SIZE, (long) content.length).set(MEDIA.CONTENT, content).set(MEDIA.DOWNLOADED_AT, at)
                .where(MEDIA.ID.eq(id)).execute();
    }

    void failed(UUID id, String mimeType, Long size, String error) {
        dsl.update(MEDIA).set(MEDIA.STATUS, "FAILED").set(MEDIA.ATTEMPTS, MEDIA.ATTEMPTS.plus(1)).set(MEDIA.MIME_TYPE, mimeType).set(MEDIA.SIZE, size)
                .set(MEDIA.ERROR, error).where(MEDIA.ID.eq(id)).execute();
    }
}
