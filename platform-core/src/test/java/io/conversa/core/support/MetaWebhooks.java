package io.conversa.core.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Webhooks as Meta sends them: a customer's text in the Cloud API's format, and the app secret's signature. */
public final class MetaWebhooks {

    private MetaWebhooks() {
    }

    /** A customer's text message to a number, with the message id Meta gave it (a retry carries the same). */
    public static String text(String phoneNumberId, String from, String name, String messageId, String body) {
        return """
                {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages",
                  "value": {"messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "15550000000", "phone_number_id": "%s"},
                    "contacts": [{"profile": {"name": "%s"}, "wa_id": "%s"}],
                    "messages": [{"from": "%s", "id": "%s", "timestamp": "%d", "type": "text", "text": {"body": "%s"}}]}}]}]}
                """.formatted(phoneNumberId, name, from, from, messageId, Instant.now().getEpochSecond(), body);
    }

    /** The {@code X-Hub-Signature-256} header's value for this body. */
    public static String signature(byte[] body, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
