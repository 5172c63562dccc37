package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_DELIVERIES;

import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class WebhookRepository {

    private final DSLContext dsl;
    private final JsonMapper json = JsonMapper.builder().build();

    WebhookRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void addDelivery(UUID tenantId, UUID channelId, String body, String error) {
        dsl.insertInto(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.TENANT_ID, tenantId).set(WEBHOOK_DELIVERIES.CHANNEL_ID, channelId)
                .set(WEBHOOK_DELIVERIES.BODY, body).set(WEBHOOK_DELIVERIES.ERROR, error)
                .execute();
    }

    /** A status reported twice (Meta retries) is stored once. */
    void addStatus(UUID tenantId, UUID channelId, WebhookEnvelope.MessageStatus status) {
        dsl.insertInto(MESSAGE_STATUSES)
                .set(MESSAGE_STATUSES.TENANT_ID, tenantId).set(MESSAGE_STATUSES.CHANNEL_ID, channelId)
                .set(MESSAGE_STATUSES.WA_MESSAGE_ID, status.waMessageId())
                .set(MESSAGE_STATUSES.RECIPIENT_ID, status.recipientId())
                .set(MESSAGE_STATUSES.STATUS, status.status())
                .set(MESSAGE_STATUSES.OCCURRED_AT, status.at().atOffset(ZoneOffset.UTC))
                .set(MESSAGE_STATUSES.ERRORS, status.errors() == null ? null : JSONB.valueOf(json.writeValueAsString(status.errors())))
                .set(MESSAGE_STATUSES.PRICING, status.pricing() == null ? null : JSONB.valueOf(json.writeValueAsString(status.pricing())))
                .onConflictDoNothing()
                .execute();
    }
}
