package io.conversa.core.channel.whatsapp;

/** A delivery that does not follow the Cloud API's webhook format; the message says where. */
class MalformedWebhookException extends RuntimeException {

    MalformedWebhookException(String message) {
        super(message);
    }
}
