package io.conversa.core.channel.whatsapp;

/** How one attempt to send a message through the Cloud API ended. */
sealed interface SendResult {

    record Sent(String waMessageId) implements SendResult {
    }

    /** Worth trying again later: rate limits, server errors, timeouts. */
    record Retry(int code, String message) implements SendResult {
    }

    /** Will not succeed as it is: the Cloud API's error code and text say why. */
    record Failed(int code, String message) implements SendResult {
    }
}
