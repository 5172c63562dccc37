package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.TestFlows;
import io.conversa.engine.Event.InboundMessage;
import java.time.Duration;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A session the customer stops answering ends after the configured inactivity timeout. */
@ApiTest
@TestPropertySource(properties = "conversa.runtime.session-timeout=2s")
class SessionExpiryTest {

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    @Autowired
    DSLContext dsl;

    @Test
    void anInactiveSessionExpires() {
        var owner = new ApiClient(port).signup("Expiring");
        String flow = owner.post("/api/v1/flows", TestFlows.ORDER).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");

        UUID conversation = inbound.receive(owner.tenantId(), owner.connectChannel(), "4917100000001", "Gus",
                InboundMessage.text("wamid." + UUID.randomUUID(), "pizza")).conversationId();

        await().atMost(Duration.ofSeconds(15)).until(() -> "EXPIRED".equals(dsl.select(SESSIONS.END_REASON).from(SESSIONS)
                .where(SESSIONS.CONVERSATION_ID.eq(conversation)).fetchOne(SESSIONS.END_REASON)));
    }
}
