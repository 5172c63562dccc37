package io.conversa.core.channel.whatsapp;

/**
 * Meta's review of a message template, from a {@code message_template_status_update} webhook.
 *
 * @param wabaId the business account it belongs to (the entry's id)
 * @param event  APPROVED, REJECTED, PAUSED, DISABLED, FLAGGED, ...
 * @param reason why, for a rejection (NONE otherwise)
 */
public record TemplateStatusUpdate(String wabaId, String templateId, String name, String language, String event, String reason) {

    /** Applies reviews in the transaction that stores their webhook (implemented by the templates feature). */
    public interface Listener {
        void apply(java.util.UUID tenantId, TemplateStatusUpdate update);
    }
}
