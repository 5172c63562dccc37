package io.conversa.core.contact;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A customer on one of the tenant's numbers, as flows know them ({@code contact.name},
 * {@code contact.tags}, {@code contact.attributes}). Its id is the id of its conversation.
 *
 * @param waId          the WhatsApp id: the phone number, or the business-scoped user id when the phone is withheld
 * @param optedOutAt    when the contact opted out of proactive messages, or null
 * @param lastMessageAt when the customer last wrote (the 24-hour window runs from it)
 */
public record Contact(UUID id, UUID channelId, String waId, String phone, String userId, String name, String username,
        List<String> tags, Map<String, String> attributes, OffsetDateTime optedOutAt, OffsetDateTime createdAt,
        OffsetDateTime lastMessageAt) {
}
