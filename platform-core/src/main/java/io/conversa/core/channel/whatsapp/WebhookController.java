package io.conversa.core.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's callback URLs: one per channel, and one per Meta app serving all of the app's numbers
 * (Meta configures the callback per app). Both answer the verification handshake and take signed
 * deliveries, whose changes go to the channel of their phone number id.
 */
@RestController
class WebhookController {

    static final String CHANNEL_PATH = "/webhooks/whatsapp/{channelId}";
    static final String APPS_PATH = "/webhooks/whatsapp/apps";

    private final ChannelService channels;
    private final WebhookService webhooks;

    WebhookController(ChannelService channels, WebhookService webhooks) {
        this.channels = channels;
        this.webhooks = webhooks;
    }

    /** Answers the challenge when the verify token is the channel's. */
    @GetMapping(path = CHANNEL_PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@PathVariable UUID channelId,
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return handshake(channels.secrets(channelId).stream().toList(), mode, token, challenge);
    }

    /** Answers the challenge when the verify token is that of one of the app's channels. */
    @GetMapping(path = APPS_PATH + "/{appId}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verifyApp(@PathVariable String appId,
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        return handshake(channels.appChannels(appId), mode, token, challenge);
    }

    @PostMapping(CHANNEL_PATH)
    ResponseEntity<Void> receive(@PathVariable UUID channelId,
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        Optional<ChannelSecrets> channel = channels.secrets(channelId);
        // An unknown channel answers like a bad signature: callers learn nothing about channel ids.
        if (channel.isEmpty() || !channel.get().signed(raw, signature)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        ChannelSecrets receiver = channel.get();
        webhooks.accept(receiver, raw, phoneNumberId -> phoneNumberId == null || phoneNumberId.equals(receiver.phoneNumberId())
                ? Optional.of(receiver) : channels.signedFor(phoneNumberId, raw, signature));
        return ResponseEntity.ok().build();
    }

    @PostMapping(APPS_PATH + "/{appId}")
    ResponseEntity<Void> receiveForApp(@PathVariable String appId,
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        Optional<ChannelSecrets> receiver = channels.appChannels(appId).stream().filter(c -> c.signed(raw, signature)).findFirst();
        if (receiver.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        // A change that names no number cannot be placed among several: it is skipped.
        webhooks.accept(receiver.get(), raw, phoneNumberId -> phoneNumberId == null ? Optional.empty()
                : channels.signedFor(phoneNumberId, raw, signature));
        return ResponseEntity.ok().build();
    }

    private static ResponseEntity<String> handshake(List<ChannelSecrets> candidates, String mode, String token,
            String challenge) {
        boolean valid = "subscribe".equals(mode) && challenge != null && token != null && candidates.stream()
                .anyMatch(c -> MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        c.verifyToken().getBytes(StandardCharsets.UTF_8)));
        return valid ? ResponseEntity.ok(challenge) : ResponseEntity.status(HttpStatus.FORBIDDEN).body("Verification failed");
    }

    @ExceptionHandler(MalformedWebhookException.class)
    ProblemDetail malformed(MalformedWebhookException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
