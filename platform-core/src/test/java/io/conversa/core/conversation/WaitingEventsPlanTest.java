package io.conversa.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.engine.Event.InboundMessage;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A conversation's waiting events are read through the index by conversation, whatever the
 * statistics say: with them taken while few events waited, a generic plan chose the claim's index
 * by id and filtered every waiting event (V30 gives the claim an index of its own).
 */
@ApiTest
class WaitingEventsPlanTest {

    @Autowired
    DSLContext dsl;

    @Autowired
    TransactionTemplate transactions;

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    @Test
    void aGenericPlanReadsAConversationsWaitingEventsByConversation() {
        var owner = new ApiClient(port).signup("Plans");
        UUID conversation = inbound.receive(owner.tenantId(), owner.connectChannel(), "4915100000501", "Ada",
                InboundMessage.text("wamid." + UUID.randomUUID(), "hi")).conversationId();
        // Statistics taken between bursts: many events, all processed.
        dsl.execute("insert into inbox (tenant_id, conversation_id, external_id, kind, payload, processed_at) "
                + "select ?, ?, 'plan:' || i, 'MESSAGE', '{}', now() from generate_series(1, 20000) i", owner.tenantId(), conversation);
        dsl.execute("analyze inbox");

        List<String> plan = transactions.execute(status -> {
            dsl.execute("set local plan_cache_mode = force_generic_plan");
            dsl.execute("prepare waiting(uuid[]) as select * from inbox where conversation_id = any($1) and processed_at is null "
                    + "order by id");
            try {
                return dsl.fetch("explain execute waiting('{00000000-0000-0000-0000-000000000001}')").getValues(0, String.class);
            } finally {
                dsl.execute("deallocate waiting");
            }
        });

        assertThat(String.join("\n", plan)).contains("inbox_pending_idx").doesNotContain("inbox_claim_order_idx");
    }
}
