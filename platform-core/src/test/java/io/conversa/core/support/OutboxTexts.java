package io.conversa.core.support;

import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import tools.jackson.databind.json.JsonMapper;

/** The bodies of the messages a conversation queued for the customer, in order: what the bot said. */
public final class OutboxTexts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OutboxTexts() {
    }

    public static List<String> of(DSLContext dsl, UUID conversation) {
        return dsl.select(OUTBOX.MESSAGE).from(OUTBOX).where(OUTBOX.CONVERSATION_ID.eq(conversation), OUTBOX.KIND.eq("MESSAGE"))
                .orderBy(OUTBOX.ID)
                .fetch(r -> JSON.readTree(r.value1().data()).path("body").asString());
    }

    public static void await(DSLContext dsl, UUID conversation, String... expected) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(of(dsl, conversation)).containsExactly(expected));
    }
}
