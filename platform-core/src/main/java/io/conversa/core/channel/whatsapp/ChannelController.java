package io.conversa.core.channel.whatsapp;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.security.Caller;
import io.conversa.core.web.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/channels")
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
class ChannelController {

    private final ChannelService channels;
    private final MediaUploads mediaUploads;
    private final PublicUrl publicUrl;

    ChannelController(ChannelService channels, MediaUploads mediaUploads, PublicUrl publicUrl) {
        this.channels = channels;
        this.mediaUploads = mediaUploads;
        this.publicUrl = publicUrl;
    }

    @GetMapping
    List<Channel> list(@AuthenticationPrincipal Caller caller) {
        return channels.list(caller, publicUrl.base());
    }

    @GetMapping("/{id}")
    Channel get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return channels.get(caller, id, publicUrl.base());
    }

    /** Checks the number's ids and token against the Graph API: its verified name, quality rating and throughput. */
    @GetMapping("/{id}/phone-number")
    PhoneNumberCheck check(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return channels.check(caller, id);
    }

    @PostMapping
    ResponseEntity<Channel> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody NewChannel request,
            HttpServletRequest http) {
        Channel channel = channels.create(caller, request, publicUrl.base(), ClientInfo.of(http));
        return ResponseEntity.created(URI.create("/api/v1/channels/" + channel.id())).body(channel);
    }

    @PatchMapping("/{id}")
    Channel update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @Valid @RequestBody ChannelUpdate request, HttpServletRequest http) {
        return channels.update(caller, id, request, publicUrl.base(), ClientInfo.of(http));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, HttpServletRequest http) {
        channels.delete(caller, id, ClientInfo.of(http));
        return ResponseEntity.noContent().build();
    }

    /**
     * Uploads a file to the number for media messages: the body is the file, its Content-Type the
     * file's type. Checked against WhatsApp's types and sizes before it is read.
     */
    @PostMapping(path = "/{id}/media", consumes = MediaType.ALL_VALUE)
    ResponseEntity<UploadedMedia> uploadMedia(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestParam(required = false) String filename, HttpServletRequest http) throws IOException {
        MediaRules rules = MediaUploads.admit(http.getContentType(), http.getContentLengthLong());
        byte[] content = http.getInputStream().readNBytes((int) rules.maxSize.toBytes() + 1);
        UploadedMedia media = mediaUploads.upload(caller, id, http.getContentType(), filename, content, ClientInfo.of(http));
        return ResponseEntity.status(HttpStatus.CREATED).body(media);
    }

}
