package io.conversa.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.TestFlows;
import io.conversa.engine.Event.InboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A stuck conversation can be seen (where it waits, its path) and reset or released. */
@ApiTest
class ConversationsApiTest {

    static final String HANDOFF_FLOW = """
            {"name": "Support", "start": "human", "nodes": [
               {"id": "human", "type": "handoff", "data": {"message": "An agent will answer."}},
               {"id": "back", "type": "message", "data": {"message": {"type": "text", "body": "The bot is back."}}}],
             "edges": [{"id": "1", "source": "human", "target": "back"}],
             "triggers": {"keywords": ["agent"]}}
            """;

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    ApiClient.Session owner;
    UUID channel;

    @BeforeEach
    void setUp() {
        owner = new ApiClient(port).signup("Visible");
        channel = owner.connectChannel();
        for (String flow : new String[] {TestFlows.ORDER, HANDOFF_FLOW}) {
            String id = owner.post("/api/v1/flows", flow).json().path("flow").path("id").asString();
            owner.post("/api/v1/flows/" + id + "/publish", "");
        }
    }

    @Test
    void aConversationShowsWhereItWaitsAndItsPath() {
        UUID id = say("4917000000001", "pizza");

        var conversation = await().until(() -> owner.get("/api/v1/conversations/" + id).json(),
                json -> json.path("session").path("status").asString().equals("WAITING_REPLY"));

        assertThat(conversation.path("session").path("nodeId").asString()).isEqualTo("howMany");
        assertThat(conversation.path("session").path("flowVersion").asInt()).isEqualTo(1);
        assertThat(conversation.path("contact").path("name").asString()).isEqualTo("Fay");
        assertThat(owner.get("/api/v1/conversations/" + id + "/steps").json().valueStream()
                .filter(s -> s.path("kind").asString().equals("NODE_ENTERED")).map(s -> s.path("nodeId").asString()))
                .containsExactly("howMany", "hello");
        assertThat(owner.get("/api/v1/conversations").json().path("items").valueStream().map(c -> c.path("id").asString()))
                .contains(id.toString());
    }

    @Test
    void resetEndsTheSessionSoTheNextMessageStartsAfresh() {
        UUID id = say("4917000000002", "pizza");
        await().until(() -> owner.get("/api/v1/conversations/" + id).json().path("session").path("nodeId").asString().equals("howMany"));

        var reset = owner.post("/api/v1/conversations/" + id + "/reset", "");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("session").isNull()).isTrue();
        say("4917000000002", "agent");
        await().until(() -> owner.get("/api/v1/conversations/" + id).json().path("session").path("status").asString()
                .equals("HANDED_OFF"));
    }

    @Test
    void anAgentReleasesAHandedOffConversationToTheBot() {
        UUID id = say("4917000000003", "agent");
        await().until(() -> owner.get("/api/v1/conversations/" + id).json().path("session").path("status").asString()
                .equals("HANDED_OFF"));

        assertThat(owner.post("/api/v1/conversations/" + id + "/release", "").status()).isEqualTo(202);

        await().until(() -> owner.get("/api/v1/conversations/" + id).json().path("session").isNull());
        assertThat(owner.get("/api/v1/conversations/" + id + "/steps").json().valueStream()
                .map(s -> s.path("nodeId").asString())).contains("back");
    }

    @Test
    void anotherTenantCannotSeeOrResetIt() {
        UUID id = say("4917000000004", "pizza");
        var stranger = new ApiClient(port).signup("Stranger");

        assertThat(stranger.get("/api/v1/conversations/" + id).status()).isEqualTo(404);
        assertThat(stranger.post("/api/v1/conversations/" + id + "/reset", "").status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/conversations/" + id + "/steps").status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/conversations").json().path("items").size()).isZero();
    }

    @Test
    void theListIsPagedByCursorNewestActivityFirst() {
        List<String> said = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            said.add(say("49170000001" + i, "hello").toString());
        }
        await().until(() -> owner.get("/api/v1/conversations?limit=500").json().path("items").valueStream()
                .filter(c -> !c.path("lastInboundAt").isNull()).count() == 5);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = owner.get("/api/v1/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(c -> seen.add(c.path("id").asString()));
            cursor = page.path("next").isNull() ? null : page.path("next").asString();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(said.reversed());
        assertThat(owner.get("/api/v1/conversations?cursor=not-a-cursor").status()).isEqualTo(400);
    }

    private UUID say(String waId, String text) {
        return inbound.receive(owner.tenantId(), channel, waId, "Fay", InboundMessage.text("wamid." + UUID.randomUUID(), text))
                .conversationId();
    }
}
