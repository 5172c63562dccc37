package io.conversa.core.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's callback URLs: one per channel, and one per Meta app serving all of the app's numbers
 * (Meta configures the callback per app). Both answer the verification handshake here; the signed
 * deliveries posted to them are taken by {@link WebhookDeliveryFilter}.
 */
@RestController
class WebhookController {

    static final String CHANNEL_PATH = "/webhooks/whatsapp/{channelId}";
    static final String APPS_PATH = "/webhooks/whatsapp/apps";

    private final ChannelService channels;

    WebhookController(ChannelService channels) {
        this.channels = channels;
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

    private static ResponseEntity<String> handshake(List<ChannelSecrets> candidates, String mode, String token,
            String challenge) {
        boolean valid = "subscribe".equals(mode) && challenge != null && token != null && candidates.stream()
                .anyMatch(c -> MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        c.verifyToken().getBytes(StandardCharsets.UTF_8)));
        return valid ? ResponseEntity.ok(challenge) : ResponseEntity.status(HttpStatus.FORBIDDEN).body("Verification failed");
    }
}
