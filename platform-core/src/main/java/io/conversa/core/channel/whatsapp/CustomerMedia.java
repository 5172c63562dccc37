package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.MEDIA;

import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/** The files customers sent to a number, as Conversa fetched them from the Cloud API's media endpoint. */
@Service
public class CustomerMedia {

    /**
     * One file: {@code status} is {@code PENDING} (still being fetched), {@code DOWNLOADED} (with
     * its content) or {@code FAILED} (with the reason, e.g. over WhatsApp's size for its kind).
     */
    public record MediaFile(String status, String mimeType, byte[] content, String error) {
    }

    private final Transactions transactions;
    private final DSLContext dsl;

    CustomerMedia(Transactions transactions, DSLContext dsl) {
        this.transactions = transactions;
        this.dsl = dsl;
    }

    public Optional<MediaFile> find(Caller caller, UUID channelId, String waMediaId) {
        return transactions.inTenant(caller.tenantId(), () -> dsl.select(MEDIA.STATUS, MEDIA.MIME_TYPE, MEDIA.CONTENT, MEDIA.ERROR)
                .from(MEDIA).where(MEDIA.CHANNEL_ID.eq(channelId), MEDIA.WA_MEDIA_ID.eq(waMediaId))
                .fetchOptional(r -> new MediaFile(r.value1(), r.value2(), r.value3(), r.value4())));
    }
}
