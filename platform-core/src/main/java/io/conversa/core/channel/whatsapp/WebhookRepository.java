package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_DELIVERIES;

import io.conversa.core.db.BeforeCommit;
import io.conversa.core.db.FixedStatement;
import io.conversa.core.db.Transactions;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class WebhookRepository {

    private static final Param<UUID> TENANT = DSL.param("tenant", WEBHOOK_DELIVERIES.TENANT_ID);
    private static final Param<UUID> CHANNEL = DSL.param("channel", WEBHOOK_DELIVERIES.CHANNEL_ID);
    private static final Param<String> BODY = DSL.param("body", WEBHOOK_DELIVERIES.BODY);
    private static final Param<String> ERROR = DSL.param("error", WEBHOOK_DELIVERIES.ERROR);

    private final DSLContext dsl;
    private final JsonMapper json = JsonMapper.builder().build();
    /** The raw bodies of the deliveries that share a commit go in with one round trip. */
    private final BeforeCommit<Delivery> deliveries;
    private final FixedStatement insert;

    WebhookRepository(DSLContext dsl, Transactions transactions) {
        this.dsl = dsl;
        this.deliveries = new BeforeCommit<>(transactions, Delivery::tenantId, this::insert, committed -> { });
        this.insert = new FixedStatement(dsl, DSL.insertInto(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.TENANT_ID,
                WEBHOOK_DELIVERIES.CHANNEL_ID, WEBHOOK_DELIVERIES.BODY, WEBHOOK_DELIVERIES.ERROR).values(TENANT, CHANNEL, BODY, ERROR));
    }

    private record Delivery(UUID tenantId, UUID channelId, String body, String error) {
    }

    /** Keeps a delivery's raw body (and what was wrong with it); written when the transaction commits. */
    void addDelivery(UUID tenantId, UUID channelId, String body, String error) {
        deliveries.add(new Delivery(tenantId, channelId, body, error));
    }

    private void insert(List<Delivery> added) {
        insert.executeBatch(added, (row, delivery) -> row.set(TENANT, delivery.tenantId()).set(CHANNEL, delivery.channelId())
                .set(BODY, delivery.body()).set(ERROR, delivery.error()));
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
