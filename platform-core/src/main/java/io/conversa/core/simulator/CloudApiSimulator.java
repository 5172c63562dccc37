package io.conversa.core.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the WhatsApp Cloud API, so Conversa works and is tested end to end offline:
 * it accepts messages as the Graph API does (and answers in its formats, faults included), and
 * sends signed webhooks, customers' messages and sent/delivered/read statuses, to a webhook URL.
 */
@Component
@ConditionalOnBooleanProperty("conversa.simulator.enabled")
public class CloudApiSimulator {

    private static final Logger log = LoggerFactory.getLogger(CloudApiSimulator.class);

    private final Map<String, SimulatedNumber> numbers = new ConcurrentHashMap<>();
    private final Map<String, StoredMedia> media = new ConcurrentHashMap<>();
    private final Map<String, SimulatedBusinessAccount> accounts = new ConcurrentHashMap<>();

    /**
     * A file uploaded to the simulator, as the media endpoint describes and serves it; the media
     * endpoint answers HTTP 500 to the first {@code failures} requests for it.
     */
    record StoredMedia(String id, String mimeType, byte[] content, String sha256, AtomicInteger failures) {

        boolean failsNow() {
            return failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        }
    }
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    CloudApiSimulator(Clock clock) {
        this.clock = clock;
    }

    /** Sends the number's webhooks (customers' messages, statuses) to this URL, signed with the app secret. */
    public void connect(String phoneNumberId, String wabaId, String webhookUrl, String appSecret) {
        number(phoneNumberId).target(webhookUrl, appSecret, wabaId, true, false);
    }

    SimulatedBusinessAccount account(String wabaId) {
        return accounts.computeIfAbsent(wabaId, id -> SimulatedBusinessAccount.withSampleTemplates());
    }

    /** A new template is reviewed (and approved) shortly after it is submitted, as Meta does within minutes. */
    void submitted(String wabaId, SimulatedBusinessAccount.Template template) {
        Thread.ofVirtual().start(() -> {
            sleep(50);
            review(wabaId, template, "APPROVED", "NONE");
        });
    }

    /** Sets the template's status and tells every number of its account by a {@code message_template_status_update} webhook. */
    void review(String wabaId, SimulatedBusinessAccount.Template template, String event, String reason) {
        template.status = event;
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("event", event);
        value.put("message_template_id", Long.parseLong(template.id));
        value.put("message_template_name", template.name);
        value.put("message_template_language", template.language);
        value.put("reason", reason);
        numbers.values().stream().filter(n -> wabaId.equals(n.wabaId()) && n.webhookUrl() != null)
                .forEach(n -> post(n, wabaId, "message_template_status_update", value));
    }

    /** Stores a file (a customer's, or one the business uploads); returns its media id. */
    String upload(String mimeType, byte[] content) {
        return upload(mimeType, content, 0);
    }

    /** Stores a file whose first {@code failures} fetches of its metadata answer HTTP 500. */
    String upload(String mimeType, byte[] content, int failures) {
        String id = String.valueOf(1_000_000_000_000L + Math.floorMod(random.nextLong(), 9_000_000_000_000L));
        try {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            media.put(id, new StoredMedia(id, mimeType, content, sha256, new AtomicInteger(failures)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    Optional<StoredMedia> media(String id) {
        return Optional.ofNullable(media.get(id));
    }

    /** A number the simulator was told about (connected, given a target, faults or customers' messages). */
    Optional<SimulatedNumber> known(String phoneNumberId) {
        return Optional.ofNullable(numbers.get(phoneNumberId));
    }

    SimulatedNumber number(String phoneNumberId) {
        return numbers.computeIfAbsent(phoneNumberId, id -> new SimulatedNumber());
    }

    /** Records an accepted message and, if asked, reports it sent, delivered and read. */
    String accept(String phoneNumberId, Map<String, Object> message) {
        String waMessageId = "wamid." + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
        Map<String, Object> stored = new LinkedHashMap<>(message);
        stored.put("id", waMessageId);
        stored.put("receivedAt", clock.millis());
        SimulatedNumber number = number(phoneNumberId);
        number.received(stored);
        if (number.webhookUrl() != null && number.sendStatuses()) {
            // A message to a BSUID reports it as recipient_user_id, with recipient_id empty.
            boolean byPhone = message.get("to") instanceof String;
            String to = recipient(message);
            Thread.ofVirtual().start(() -> {
                for (String status : List.of("sent", "delivered", "read")) {
                    sleep(20);
                    Map<String, Object> report = new LinkedHashMap<>(Map.of("id", waMessageId, "status", status,
                            "timestamp", String.valueOf(clock.instant().getEpochSecond()), "recipient_id", byPhone ? to : ""));
                    if (!byPhone) {
                        report.put("recipient_user_id", to);
                    }
                    deliver(phoneNumberId, number, Map.of("statuses", List.of(report)));
                }
            });
        }
        return waMessageId;
    }

    /** Whom a message is for: {@code to} (a phone number), else {@code recipient} (a BSUID); null if neither. */
    static String recipient(Map<String, Object> message) {
        for (String field : List.of("to", "recipient")) {
            if (message.get(field) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** The business marked a customer's message read, showing "typing..." if asked. */
    void markRead(String phoneNumberId, String messageId, boolean typing) {
        number(phoneNumberId).markedRead(Map.of("messageId", messageId, "typing", typing, "receivedAt", clock.millis()));
    }

    /** A customer writes to the number: a signed webhook to Conversa, as Meta would send it. */
    public int customerWrites(String phoneNumberId, String from, String name, Map<String, Object> content) {
        return customerWrites(phoneNumberId, from, null, null, name, content);
    }

    /**
     * A customer writes; one with a WhatsApp username may come with their business-scoped user id
     * ({@code userId}) and no phone number ({@code from} null), as Meta sends them since 2026.
     */
    public int customerWrites(String phoneNumberId, String from, String userId, String username, String name,
            Map<String, Object> content) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("from", from == null ? "" : from);
        if (userId != null) {
            message.put("from_user_id", userId);
        }
        message.put("id", "wamid." + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24)));
        message.put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
        message.putAll(content);
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", name);
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("profile", profile);
        if (from != null) {
            contact.put("wa_id", from);
        }
        if (userId != null) {
            contact.put("user_id", userId);
            contact.put("country_code", userId.substring(0, Math.max(0, userId.indexOf('.'))));
        }
        if (username != null) {
            profile.put("username", username);
        }
        return deliver(phoneNumberId, number(phoneNumberId), Map.of("contacts", List.of(contact), "messages", List.of(message)));
    }

    private int deliver(String phoneNumberId, SimulatedNumber number, Map<String, Object> value) {
        if (number.webhookUrl() == null) {
            throw new IllegalStateException("No webhook URL is set for the simulated number " + phoneNumberId);
        }
        Map<String, Object> fullValue = new LinkedHashMap<>();
        fullValue.put("messaging_product", "whatsapp");
        fullValue.put("metadata", Map.of("display_phone_number", phoneNumberId, "phone_number_id", phoneNumberId));
        fullValue.putAll(value);
        return post(number, number.wabaId() == null ? "simulated-waba" : number.wabaId(), "messages", fullValue);
    }

    /** Posts one change of a field to the number's webhook URL, signed; answers the HTTP status (0: not delivered). */
    private int post(SimulatedNumber number, String wabaId, String field, Map<String, Object> value) {
        byte[] body = json.writeValueAsBytes(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of(
                "id", wabaId, "changes", List.of(Map.of("field", field, "value", value))))));
        HttpRequest request = HttpRequest.newBuilder(URI.create(number.webhookUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + hmac(body, number.appSecret()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (number.duplicateWebhooks()) {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            return status;
        } catch (IOException e) {
            log.warn("The simulator could not deliver a webhook to {}: {}", number.webhookUrl(), e.getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
