package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_DELIVERIES;

import io.conversa.core.db.ArrayInsert;
import io.conversa.core.db.BeforeCommit;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class WebhookRepository {

    private final DSLContext dsl;
    private final JsonMapper json = JsonMapper.builder().build();
    /** The raw bodies of the deliveries that share a commit go in with one round trip, with the commit's events. */
    private final BeforeCommit.Rows<Delivery> deliveries;

    WebhookRepository(DSLContext dsl, BeforeCommit beforeCommit) {
        this.dsl = dsl;
        this.deliveries = beforeCommit.rows(WEBHOOK_DELIVERIES, Delivery::tenantId,
                List.of(ArrayInsert.Column.of(WEBHOOK_DELIVERIES.TENANT_ID, Delivery::tenantId),
                        ArrayInsert.Column.of(WEBHOOK_DELIVERIES.CHANNEL_ID, Delivery::channelId),
                        ArrayInsert.Column.of(WEBHOOK_DELIVERIES.BODY, Delivery::body),
                        ArrayInsert.Column.of(WEBHOOK_DELIVERIES.ERROR, Delivery::error)),
                committed -> { });
    }

    private record Delivery(UUID tenantId, UUID channelId, String body, String error) {
    }

    /** Keeps a delivery's raw body (and what was wrong with it); written when the transaction commits. */
    void addDelivery(UUID tenantId, UUID channelId, String body, String error) {
        deliveries.add(new Delivery(tenantId, channelId, body, error));
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
