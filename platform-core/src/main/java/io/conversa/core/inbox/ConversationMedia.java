package io.conversa.core.inbox;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.channel.whatsapp.CustomerMedia;
import io.conversa.core.channel.whatsapp.MediaUploads;
import io.conversa.core.channel.whatsapp.UploadedMedia;
import io.conversa.core.conversation.ConversationService;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Files in a conversation, for the people who answer it: what the customer sent, and uploads to
 * the conversation's number to send as attachments (with WhatsApp's types and sizes).
 */
@Service
public class ConversationMedia {

    private final ConversationService conversations;
    private final CustomerMedia customerMedia;
    private final MediaUploads uploads;

    ConversationMedia(ConversationService conversations, CustomerMedia customerMedia, MediaUploads uploads) {
        this.conversations = conversations;
        this.customerMedia = customerMedia;
        this.uploads = uploads;
    }

    /** Uploads a file to the conversation's number; send it with {@code {"type": kind, "id": id}}. */
    public UploadedMedia upload(Caller caller, UUID conversationId, String mimeType, String filename, byte[] content,
            ClientInfo client) {
        return uploads.upload(caller, conversations.get(caller, conversationId).channelId(), mimeType, filename, content, client);
    }

    /** A file the customer sent, once fetched; a clear refusal while it is fetched or when it could not be. */
    public CustomerMedia.MediaFile customerFile(Caller caller, UUID conversationId, String mediaId) {
        CustomerMedia.MediaFile file = customerMedia.find(caller, conversations.get(caller, conversationId).channelId(), mediaId)
                .orElseThrow(() -> Problems.notFound("media.not-sent", mediaId));
        return switch (file.status()) {
            case "DOWNLOADED" -> file;
            case "PENDING" -> throw Problems.problem(HttpStatus.CONFLICT, "media.pending", mediaId);
            default -> throw Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "media.fetch-failed", mediaId, file.error());
        };
    }
}
