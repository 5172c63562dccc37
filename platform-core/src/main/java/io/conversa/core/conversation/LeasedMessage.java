package io.conversa.core.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.JSONB;

/**
 * An outbox message leased to a sender (status SENDING until its lease runs out), with what
 * sending it needs to know of its conversation.
 *
 * @param kind             MESSAGE or READ_RECEIPT
 * @param contextMessageId the message replied to, or marked read
 * @param markReadMessageId a customer's message to mark read ("typing...") right before this message's first call, or null
 * @param attempts         the calls made for it before this lease
 */
public record LeasedMessage(long id, UUID conversationId, UUID tenantId, String kind, JSONB message, String contextMessageId,
        String markReadMessageId, int attempts, UUID channelId, String waId, OffsetDateTime lastInboundAt) {

    public boolean isReadReceipt() {
        return OutboxRepository.Kind.READ_RECEIPT.name().equals(kind);
    }
}
