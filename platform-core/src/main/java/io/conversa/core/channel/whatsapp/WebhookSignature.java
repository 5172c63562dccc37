package io.conversa.core.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>}. */
final class WebhookSignature {

    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    static String sign(byte[] body, String appSecret) {
        return PREFIX + HexFormat.of().formatHex(hmac(body, appSecret));
    }

    /** Constant-time, so timing reveals nothing about the expected signature. */
    static boolean verify(byte[] body, String appSecret, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body, appSecret), presented);
    }

    private static byte[] hmac(byte[] body, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
