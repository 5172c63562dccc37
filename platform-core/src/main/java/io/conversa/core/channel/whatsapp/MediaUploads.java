package io.conversa.core.channel.whatsapp;

import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.UploadedMediaRecord;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Uploads a tenant's file to one of its numbers through the Cloud API's media endpoint, after
 * checking WhatsApp's type and size limits, and remembers it so messages that use it can be
 * checked before sending.
 */
@Service
public class MediaUploads {

    /** The largest file WhatsApp takes of any kind (a document); each kind has its own limit below it. */
    public static final long LARGEST_FILE = Stream.of(MediaRules.values()).mapToLong(r -> r.maxSize.toBytes()).max().orElseThrow();

    private final Transactions transactions;
    private final ChannelService channels;
    private final CloudApiClient cloudApi;
    private final UploadedMediaRepository uploads;
    private final AuditLog auditLog;

    MediaUploads(Transactions transactions, ChannelService channels, CloudApiClient cloudApi, UploadedMediaRepository uploads,
            AuditLog auditLog) {
        this.transactions = transactions;
        this.channels = channels;
        this.cloudApi = cloudApi;
        this.uploads = uploads;
        this.auditLog = auditLog;
    }

    /**
     * The rules for a file of this type and size (-1: not known yet), or a clear refusal: called
     * before the body is read, so an unsupported or oversize file is refused without reading it.
     */
    /** Refuses, before it is read, a file WhatsApp would not take (size -1: not known yet). */
    public static void check(String mimeType, long size) {
        admit(mimeType, size);
    }

    static MediaRules admit(String mimeType, long size) {
        String taken = Stream.of(MediaRules.values()).map(r -> r.lowerName() + ": " + r.mimeTypes.stream().sorted()
                .collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
        MediaRules rules = MediaRules.forMimeType(mimeType).orElseThrow(() -> mimeType == null
                ? Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media.no-content-type", taken)
                : Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media.type-not-taken", mimeType, taken));
        if (size > rules.maxSize.toBytes()) {
            throw Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "media.too-large", rules.lowerName(), rules.maxSize.toBytes(), size);
        }
        return rules;
    }

    /** Uploads a file to the number; refused with the reason when WhatsApp would not take it. */
    public UploadedMedia upload(Caller caller, UUID channelId, String mimeType, String filename, byte[] content, ClientInfo client) {
        MediaRules rules = admit(mimeType, content.length);
        if (content.length == 0) {
            throw Problems.invalid("body", "media.empty");
        }
        ChannelSecrets channel = channels.secrets(caller, channelId);
        String name = filename == null || filename.isBlank() ? "upload" : filename.strip();
        String mediaId = switch (cloudApi.uploadMedia(channel, mimeType, name, content)) {
            case SendResult.Sent sent -> sent.id();
            case SendResult.Failed failed -> throw refused(failed.code(), failed.message());
            case SendResult.Retry retry -> throw refused(retry.code(), retry.message());
        };
        return transactions.inTenant(caller.tenantId(), () -> {
            UploadedMediaRecord record = uploads.add(caller.tenantId(), channelId, mediaId, mimeType, content.length,
                    filename, caller.userId());
            auditLog.record(caller, AuditAction.MEDIA_UPLOADED, mediaId, client,
                    Map.of("channelId", channelId.toString(), "mimeType", mimeType, "size", content.length));
            return new UploadedMedia(record.getWaMediaId(), rules.lowerName(), record.getMimeType(), record.getSize(),
                    record.getFilename(), record.getCreatedAt());
        });
    }

    private static ErrorResponseException refused(int code, String message) {
        ErrorResponseException error = Problems.problem(HttpStatus.BAD_GATEWAY, "media.upload-refused", message);
        error.getBody().setProperty("cloudApiCode", code);
        return error;
    }
}
