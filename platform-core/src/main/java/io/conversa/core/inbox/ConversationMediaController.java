package io.conversa.core.inbox;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.channel.whatsapp.CustomerMedia;
import io.conversa.core.channel.whatsapp.MediaUploads;
import io.conversa.core.channel.whatsapp.UploadedMedia;
import io.conversa.core.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Attachments for agents' answers, and the files customers sent, per conversation. */
@RestController
@RequestMapping("/api/v1/conversations/{id}/media")
class ConversationMediaController {

    private final ConversationMedia media;

    ConversationMediaController(ConversationMedia media) {
        this.media = media;
    }

    /** The body is the file, its Content-Type the file's type; checked against WhatsApp's limits before it is read. */
    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<UploadedMedia> upload(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestParam(required = false) String filename, HttpServletRequest http) throws IOException {
        MediaUploads.check(http.getContentType(), http.getContentLengthLong());
        byte[] content = http.getInputStream().readNBytes((int) MediaUploads.LARGEST_FILE + 1);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(media.upload(caller, id, http.getContentType(), filename, content, ClientInfo.of(http)));
    }

    @GetMapping("/{mediaId}")
    ResponseEntity<byte[]> customerFile(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @PathVariable String mediaId) {
        CustomerMedia.MediaFile file = media.customerFile(caller, id, mediaId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mimeType()))
                .header("Cache-Control", "private, max-age=86400").body(file.content());
    }
}
