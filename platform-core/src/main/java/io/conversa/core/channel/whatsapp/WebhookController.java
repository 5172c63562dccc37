package io.conversa.core.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Meta's callback URL for one channel: the verification handshake and signed deliveries. */
@RestController
@RequestMapping("/webhooks/whatsapp/{channelId}")
class WebhookController {

    private final ChannelService channels;
    private final WebhookService webhooks;

    WebhookController(ChannelService channels, WebhookService webhooks) {
        this.channels = channels;
        this.webhooks = webhooks;
    }

    /** Answers the challenge when the verify token is the channel's. */
    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@PathVariable UUID channelId,
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        Optional<ChannelSecrets> channel = channels.secrets(channelId);
        boolean valid = channel.isPresent() && "subscribe".equals(mode) && challenge != null
                && token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                channel.get().verifyToken().getBytes(StandardCharsets.UTF_8));
        return valid ? ResponseEntity.ok(challenge) : ResponseEntity.status(HttpStatus.FORBIDDEN).body("Verification failed");
    }

    @PostMapping
    ResponseEntity<Void> receive(@PathVariable UUID channelId,
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        Optional<ChannelSecrets> channel = channels.secrets(channelId);
        // An unknown channel answers like a bad signature: callers learn nothing about channel ids.
        if (channel.isEmpty() || !WebhookSignature.verify(raw, channel.get().appSecret(), signature)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        webhooks.accept(channel.get(), raw);
        return ResponseEntity.ok().build();
    }

    @ExceptionHandler(MalformedWebhookException.class)
    ProblemDetail malformed(MalformedWebhookException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
