package io.conversa.core.channel.whatsapp;

/** How one call to the Cloud API (send, mark read, upload) ended. */
sealed interface SendResult {

    /** {@code id}: the new message's id, or the uploaded media's; null when a message was marked read. */
    record Sent(String id) implements SendResult {
    }

    /** Worth trying again later: rate limits, server errors, timeouts. */
    record Retry(int code, String message) implements SendResult {
    }

    /** Will not succeed as it is: the Cloud API's error code and text say why. */
    record Failed(int code, String message) implements SendResult {
    }
}
