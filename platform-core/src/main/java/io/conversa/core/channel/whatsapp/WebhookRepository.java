package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_DELIVERIES;

import io.conversa.core.db.ArrayInsert;
import io.conversa.core.db.BeforeCommit;
import io.conversa.core.db.FixedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class WebhookRepository {

    private final FixedStatement addStatus;
    private final JsonMapper json = JsonMapper.builder().build();
    /** The raw bodies of the deliveries that share a commit go in with one round trip, with the commit's events. */
    private final BeforeCommit.Rows<Delivery> deliveries;

    WebhookRepository(DSLContext dsl, BeforeCommit beforeCommit) {
        this.addStatus = new FixedStatement(dsl, addStatus());
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
        addStatus.with().set(TENANT_ID, tenantId).set(CHANNEL_ID, channelId).set(WA_MESSAGE_ID, status.waMessageId())
                .set(RECIPIENT_ID, status.recipientId()).set(STATUS, status.status())
                .set(OCCURRED_AT, status.at().atOffset(ZoneOffset.UTC))
                .set(ERRORS, status.errors() == null ? null : JSONB.valueOf(json.writeValueAsString(status.errors())))
                .set(PRICING, status.pricing() == null ? null : JSONB.valueOf(json.writeValueAsString(status.pricing())))
                .execute();
    }

    private static final Param<UUID> TENANT_ID = DSL.param("tenantId", SQLDataType.UUID);
    private static final Param<UUID> CHANNEL_ID = DSL.param("channelId", SQLDataType.UUID);
    private static final Param<String> WA_MESSAGE_ID = DSL.param("waMessageId", SQLDataType.VARCHAR);
    private static final Param<String> RECIPIENT_ID = DSL.param("recipientId", SQLDataType.VARCHAR);
    private static final Param<String> STATUS = DSL.param("status", SQLDataType.VARCHAR);
    private static final Param<OffsetDateTime> OCCURRED_AT = DSL.param("occurredAt", SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Param<JSONB> ERRORS = DSL.param("errors", SQLDataType.JSONB);
    private static final Param<JSONB> PRICING = DSL.param("pricing", SQLDataType.JSONB);

    /** Rendered once: status webhooks are most of what Meta sends (sent, delivered and read for every message). */
    private static Query addStatus() {
        return DSL.insertInto(MESSAGE_STATUSES)
                .set(MESSAGE_STATUSES.TENANT_ID, TENANT_ID).set(MESSAGE_STATUSES.CHANNEL_ID, CHANNEL_ID)
                .set(MESSAGE_STATUSES.WA_MESSAGE_ID, WA_MESSAGE_ID).set(MESSAGE_STATUSES.RECIPIENT_ID, RECIPIENT_ID)
                .set(MESSAGE_STATUSES.STATUS, STATUS).set(MESSAGE_STATUSES.OCCURRED_AT, OCCURRED_AT)
                .set(MESSAGE_STATUSES.ERRORS, ERRORS).set(MESSAGE_STATUSES.PRICING, PRICING)
                .onConflictDoNothing();
    }
}
