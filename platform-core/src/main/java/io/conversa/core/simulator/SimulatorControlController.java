package io.conversa.core.simulator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Drives the simulator: where a number's webhooks go, faults to inject, messages it received,
 * and customers writing to it. Development and tests only; off unless conversa.simulator.enabled.
 */
@RestController
@RequestMapping("/simulator")
@ConditionalOnBooleanProperty("conversa.simulator.enabled")
class SimulatorControlController {

    private final CloudApiSimulator simulator;

    SimulatorControlController(CloudApiSimulator simulator) {
        this.simulator = simulator;
    }

    /** {@code sendStatuses: false} drops status webhooks; {@code duplicateWebhooks: true} sends each webhook twice. */
    record Target(@NotBlank String webhookUrl, @NotBlank String appSecret, String wabaId, Boolean sendStatuses,
            Boolean duplicateWebhooks) {
    }

    /** @param count how many answers in a row get this fault */
    record FaultRequest(@NotNull @Min(100) Integer httpStatus, Integer code, String message, @Min(0) Long delayMillis,
            @Min(1) Integer count) {
    }

    /** {@code failFirst}: the media endpoint answers HTTP 500 to that many requests for it first. */
    record Upload(@NotBlank String mimeType, @NotBlank String contentBase64, @PositiveOrZero Integer failFirst) {
    }

    /** Stores a file as a customer's media; answers its media id, to use in a message. */
    @PostMapping("/media")
    Map<String, Object> upload(@Valid @RequestBody Upload upload) {
        return Map.of("id", simulator.upload(upload.mimeType(), Base64.getDecoder().decode(upload.contentBase64()),
                upload.failFirst() == null ? 0 : upload.failFirst()));
    }

    /**
     * A customer's message: from a phone number ({@code from}), or from a user with a WhatsApp
     * username, by their business-scoped user id ({@code userId}, with or without {@code from}).
     */
    record CustomerMessage(String from, String userId, String username, String name, String text, String replyId,
            String replyTitle, String mediaId) {

        @AssertTrue(message = "from or userId is required")
        boolean isAddressed() {
            return from != null && !from.isBlank() || userId != null && !userId.isBlank();
        }
    }

    @PutMapping("/numbers/{phoneNumberId}")
    Map<String, Object> target(@PathVariable String phoneNumberId, @Valid @RequestBody Target target) {
        simulator.number(phoneNumberId).target(target.webhookUrl(), target.appSecret(), target.wabaId(),
                !Boolean.FALSE.equals(target.sendStatuses()), Boolean.TRUE.equals(target.duplicateWebhooks()));
        return Map.of("phoneNumberId", phoneNumberId, "webhookUrl", target.webhookUrl());
    }

    record Review(@NotBlank @Pattern(regexp = "APPROVED|REJECTED|PAUSED|DISABLED|FLAGGED") String event, String reason) {
    }

    /** Meta's review of a template: its status changes and a {@code message_template_status_update} webhook says so. */
    @PostMapping("/wabas/{wabaId}/templates/{templateId}/review")
    ResponseEntity<Map<String, Object>> review(@PathVariable String wabaId, @PathVariable String templateId,
            @Valid @RequestBody Review review) {
        return simulator.account(wabaId).byId(templateId)
                .map(template -> {
                    simulator.review(wabaId, template, review.event(), review.reason() == null ? "NONE" : review.reason());
                    return ResponseEntity.ok(template.toGraph());
                })
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Answers to give the next message sends, in order (marking messages read is never faulted). */
    @PostMapping("/numbers/{phoneNumberId}/faults")
    Map<String, Object> faults(@PathVariable String phoneNumberId, @Valid @RequestBody @NotNull List<@Valid FaultRequest> faults) {
        int queued = 0;
        for (FaultRequest f : faults) {
            int count = f.count() == null ? 1 : f.count();
            simulator.number(phoneNumberId).addFaults(Collections.nCopies(count, new SimulatedNumber.Fault(f.httpStatus(),
                    f.code() == null ? 0 : f.code(), f.message() == null ? "Simulated fault" : f.message(),
                    f.delayMillis() == null ? 0 : f.delayMillis())));
            queued += count;
        }
        return Map.of("queued", queued);
    }

    @GetMapping("/numbers/{phoneNumberId}/messages")
    List<Map<String, Object>> received(@PathVariable String phoneNumberId) {
        return simulator.number(phoneNumberId).receivedMessages();
    }

    @GetMapping("/numbers/{phoneNumberId}/read-receipts")
    List<Map<String, Object>> readReceipts(@PathVariable String phoneNumberId) {
        return simulator.number(phoneNumberId).readReceipts();
    }

    /**
     * A customer sends a text, taps a button ({@code replyId}, {@code replyTitle}), or sends a file
     * stored with {@code POST /simulator/media} ({@code mediaId}, {@code text} as its caption).
     */
    @PostMapping("/numbers/{phoneNumberId}/customer-messages")
    Map<String, Object> customerWrites(@PathVariable String phoneNumberId, @Valid @RequestBody CustomerMessage message) {
        Map<String, Object> content = new LinkedHashMap<>();
        if (message.replyId() != null) {
            content.put("type", "interactive");
            content.put("interactive", Map.of("type", "button_reply",
                    "button_reply", Map.of("id", message.replyId(), "title", message.replyTitle() == null ? message.replyId() : message.replyTitle())));
        } else if (message.mediaId() != null) {
            CloudApiSimulator.StoredMedia file = simulator.media(message.mediaId()).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "No media " + message.mediaId() + " was stored with POST /simulator/media"));
            String kind = kindOf(file.mimeType());
            Map<String, Object> media = new LinkedHashMap<>(Map.of("id", file.id(), "mime_type", file.mimeType(), "sha256", file.sha256()));
            if (message.text() != null) {
                media.put("caption", message.text());
            }
            content.put("type", kind);
            content.put(kind, media);
        } else {
            content.put("type", "text");
            content.put("text", Map.of("body", message.text() == null ? "" : message.text()));
        }
        String name = message.name() != null ? message.name() : message.from() != null ? message.from() : message.username();
        int status = simulator.customerWrites(phoneNumberId, message.from(), message.userId(), message.username(), name, content);
        return Map.of("webhookStatus", status);
    }

    /** The message type WhatsApp gives a file of this type. */
    private static String kindOf(String mimeType) {
        return mimeType.equals("image/webp") ? "sticker" : mimeType.startsWith("image/") ? "image"
                : mimeType.startsWith("video/") ? "video" : mimeType.startsWith("audio/") ? "audio" : "document";
    }
}
