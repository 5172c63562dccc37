package io.conversa.core.channel.whatsapp;

/**
 * A connection check: what the Graph API says of a number with the channel's token and ids
 * ({@code connected}), or why it refused ({@code errorCode}, Meta's {@code error} message).
 * {@code qualityRating} is {@code GREEN}, {@code YELLOW} or {@code RED}; {@code throughputLevel}
 * {@code STANDARD} (80 messages/s) or {@code HIGH} (up to 1,000).
 */
public record PhoneNumberCheck(boolean connected, String verifiedName, String displayPhoneNumber, String qualityRating,
        String throughputLevel, Integer errorCode, String error) {

    static PhoneNumberCheck refused(Integer code, String error) {
        return new PhoneNumberCheck(false, null, null, null, null, code, error);
    }
}
