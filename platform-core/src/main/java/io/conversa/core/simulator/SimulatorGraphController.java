package io.conversa.core.simulator;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The Graph API endpoints Conversa calls, as the simulator serves them under
 * {@code {graphApiUrl}/{version}/}: {@code {phone-number-id}/messages} (send, mark as read),
 * {@code {phone-number-id}/media} (upload) and {@code {media-id}} (download).
 */
@RestController
@ConditionalOnBooleanProperty("conversa.simulator.enabled")
class SimulatorGraphController {

    private static final Set<String> TYPES = Set.of("text", "image", "video", "audio", "document", "sticker",
            "interactive", "location", "contacts", "template", "reaction");

    private final CloudApiSimulator simulator;

    SimulatorGraphController(CloudApiSimulator simulator) {
        this.simulator = simulator;
    }

    @PostMapping("/simulator/graph/{version}/{phoneNumberId}/messages")
    ResponseEntity<Map<String, Object>> send(@PathVariable String version, @PathVariable String phoneNumberId,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody Map<String, Object> message) throws InterruptedException {
        if (!hasBearerToken(authorization)) {
            return invalidToken();
        }
        if ("read".equals(message.get("status"))) {
            return markRead(phoneNumberId, message);
        }
        SimulatedNumber.Fault fault = simulator.number(phoneNumberId).nextFault();
        if (fault != null) {
            Thread.sleep(fault.delayMillis());
            if (fault.httpStatus() == 200) {
                return accept(phoneNumberId, message);
            }
            return error(fault.httpStatus(), fault.code(), fault.message(), null);
        }
        String problem = problem(message);
        if (problem != null) {
            return error(400, 100, "(#100) Invalid parameter", problem);
        }
        return accept(phoneNumberId, message);
    }

    /** Stores a file the business sends later by id; answers its media id, as the Graph API does. */
    @PostMapping(path = "/simulator/graph/{version}/{phoneNumberId}/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(@PathVariable String version, @PathVariable String phoneNumberId,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(name = "messaging_product", required = false) String messagingProduct,
            @RequestParam(required = false) String type,
            @RequestPart(required = false) MultipartFile file) throws IOException {
        if (!hasBearerToken(authorization)) {
            return invalidToken();
        }
        if (!"whatsapp".equals(messagingProduct)) {
            return error(400, 100, "(#100) Invalid parameter", "messaging_product must be whatsapp");
        }
        if (file == null || file.isEmpty() || type == null || type.isBlank()) {
            return error(400, 100, "(#100) Invalid parameter", "file and type are required");
        }
        return ResponseEntity.ok(Map.of("id", simulator.upload(type, file.getBytes())));
    }

    private ResponseEntity<Map<String, Object>> markRead(String phoneNumberId, Map<String, Object> request) {
        if (!(request.get("message_id") instanceof String messageId) || !messageId.startsWith("wamid.")) {
            return error(400, 100, "(#100) Invalid parameter", "message_id must name a received message");
        }
        simulator.markRead(phoneNumberId, messageId, request.get("typing_indicator") instanceof Map<?, ?>);
        return ResponseEntity.ok(Map.of("success", true));
    }

    /**
     * A node by id: a media file (where to fetch it, its type, size and hash), or a phone number
     * the simulator knows (its verified name, display number, quality rating and throughput).
     */
    @GetMapping("/simulator/graph/{version}/{mediaId}")
    ResponseEntity<Map<String, Object>> node(@PathVariable String version, @PathVariable String mediaId,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            HttpServletRequest request) {
        if (!hasBearerToken(authorization)) {
            return invalidToken();
        }
        if (simulator.media(mediaId).isEmpty() && simulator.known(mediaId).isPresent()) {
            return ResponseEntity.ok(Map.of("id", mediaId, "verified_name", "Simulated Business",
                    "display_phone_number", "+1 555-" + mediaId.substring(Math.max(0, mediaId.length() - 7)),
                    "quality_rating", "GREEN", "throughput", Map.of("level", "STANDARD")));
        }
        return simulator.media(mediaId)
                .map(m -> m.failsNow() ? error(500, 131000, "Something went wrong", null)
                        : ResponseEntity.ok(Map.<String, Object>of("messaging_product", "whatsapp",
                        "url", request.getRequestURL().toString().replace("/graph/" + version + "/", "/media-files/"),
                        "mime_type", m.mimeType(), "sha256", m.sha256(), "file_size", m.content().length, "id", m.id())))
                .orElseGet(() -> error(400, 100, "Unsupported get request. Object with ID '" + mediaId + "' does not exist, cannot be loaded "
                        + "due to missing permissions, or does not support this operation", null));
    }

    @GetMapping("/simulator/media-files/{mediaId}")
    ResponseEntity<byte[]> mediaFile(@PathVariable String mediaId,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (!hasBearerToken(authorization)) {
            return ResponseEntity.status(401).build();
        }
        return simulator.media(mediaId)
                .map(m -> ResponseEntity.ok().contentType(MediaType.parseMediaType(m.mimeType()))
                        .body(m.content()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private ResponseEntity<Map<String, Object>> accept(String phoneNumberId, Map<String, Object> message) {
        String id = simulator.accept(phoneNumberId, message);
        String to = CloudApiSimulator.recipient(message);
        return ResponseEntity.ok(Map.of("messaging_product", "whatsapp",
                "contacts", List.of(Map.of("input", to, message.get("to") instanceof String ? "wa_id" : "user_id", to)),
                "messages", List.of(Map.of("id", id))));
    }

    /** The checks the real API makes first; the sender should never trip them. */
    private static String problem(Map<String, Object> message) {
        if (!"whatsapp".equals(message.get("messaging_product"))) {
            return "messaging_product must be whatsapp";
        }
        if (CloudApiSimulator.recipient(message) == null) {
            return "to or recipient is required";
        }
        Object type = message.get("type");
        if (!(type instanceof String name) || !TYPES.contains(name)) {
            return "type is not a message type the Cloud API sends";
        }
        if (!(message.get(name) instanceof Map<?, ?>) && !(message.get(name) instanceof List<?>)) {
            return "The parameter " + name + " is required";
        }
        return null;
    }

    /** The simulator accepts any token, as long as there is one. */
    static boolean hasBearerToken(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") && authorization.length() >= 10;
    }

    static ResponseEntity<Map<String, Object>> invalidToken() {
        return error(401, 190, "Invalid OAuth access token - Cannot parse access token", null);
    }

    static ResponseEntity<Map<String, Object>> error(int status, int code, String message, String details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", status == 401 ? "OAuthException" : "WhatsAppBusinessApiError");
        error.put("code", code);
        if (details != null) {
            error.put("error_data", Map.of("messaging_product", "whatsapp", "details", details));
        }
        error.put("fbtrace_id", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
        return ResponseEntity.status(status).body(Map.of("error", error));
    }
}
