package io.conversa.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.conversa.core.security.Caller;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.tenant.Role;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.ErrorResponseException;

/** The builder's test chat runs a flow's draft through the real pipeline on the simulator. */
@ApiTest
class TestConversationsTest {

    static final String DRAFT = """
            {"name": "Draft", "start": "ask", "nodes": [
               {"id": "ask", "type": "question", "data": {"prompt": {"type": "buttons", "body": "Pizza or pasta?",
                 "buttons": [{"id": "pizza", "title": "Pizza"}, {"id": "pasta", "title": "Pasta"}]}, "variable": "dish"}},
               {"id": "say", "type": "message", "data": {"message": {"type": "text", "body": "%s {{dish}}"}}}],
             "edges": [{"id": "1", "source": "ask", "target": "say"}]}
            """;

    @LocalServerPort
    int port;

    @Autowired
    TestConversations tests;

    ApiClient.Session owner;
    Caller caller;
    String flowId;

    @BeforeEach
    void setUp() {
        owner = new ApiClient(port).signup("Test chats " + UUID.randomUUID());
        caller = Caller.member(owner.tenantId(), owner.userId(), Role.OWNER);
        flowId = owner.post("/api/v1/flows", DRAFT.formatted("You chose")).json().path("flow").path("id").asString();
    }

    @Test
    void aDraftIsTestedThroughTheSimulatorBeforeItIsPublished() {
        TestConversations.TestChat chat = tests.start(caller, UUID.fromString(flowId));
        tests.say(chat, "hi");

        await().atMost(Duration.ofSeconds(20)).until(() -> texts(chat).contains("OUT buttons Pizza or pasta?"));
        assertThat(tests.state(caller, chat).session().nodeId()).isEqualTo("ask");

        tests.tap(chat, "pasta", "Pasta", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> texts(chat).contains("OUT text You chose Pasta"));
        assertThat(texts(chat)).startsWith("IN text hi", "OUT buttons Pizza or pasta?");
        assertThat(owner.get("/api/v1/flows/" + flowId + "/versions").json().isEmpty()).as("tests are not versions").isTrue();
        assertThat(owner.get("/api/v1/flows/" + flowId).json().path("flow").path("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void restartingRunsTheLatestDraftAfresh() {
        TestConversations.TestChat chat = tests.start(caller, UUID.fromString(flowId));
        tests.say(chat, "hi");
        await().atMost(Duration.ofSeconds(20)).until(() -> texts(chat).contains("OUT buttons Pizza or pasta?"));

        String revision = owner.get("/api/v1/flows/" + flowId).raw().headers().firstValue("ETag").orElseThrow();
        assertThat(owner.client().put("/api/v1/flows/" + flowId, DRAFT.formatted("Great choice:"),
                "Authorization", "Bearer " + owner.token(), "If-Match", revision).status()).isEqualTo(200);
        TestConversations.TestChat again = tests.start(caller, UUID.fromString(flowId));
        assertThat(again.conversationId()).isEqualTo(chat.conversationId());
        assertThat(tests.state(caller, again).session()).as("the old session ended").isNull();

        tests.tap(again, "pizza", "Pizza", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> texts(again).contains("OUT buttons Pizza or pasta?")
                && texts(again).indexOf("OUT buttons Pizza or pasta?") != texts(again).lastIndexOf("OUT buttons Pizza or pasta?"));
        tests.tap(again, "pizza", "Pizza", false);
        await().atMost(Duration.ofSeconds(20)).until(() -> texts(again).contains("OUT text Great choice: Pizza"));
    }

    @Test
    void theTestCustomerCanShareALocation() {
        TestConversations.TestChat chat = tests.start(caller, UUID.fromString(flowId));
        tests.say(chat, "hi");
        await().atMost(Duration.ofSeconds(20)).until(() -> texts(chat).contains("OUT buttons Pizza or pasta?"));

        tests.shareLocation(chat, 52.520008, 13.404954, "Alexanderplatz");

        await().atMost(Duration.ofSeconds(20)).until(() -> texts(chat).stream().anyMatch(t -> t.startsWith("IN location")));
    }

    @Test
    void aDraftWithProblemsIsNotTested() {
        String broken = owner.post("/api/v1/flows", "{\"name\": \"Broken\", \"start\": \"nowhere\", \"nodes\": [], \"edges\": []}")
                .json().path("flow").path("id").asString();

        assertThatThrownBy(() -> tests.start(caller, UUID.fromString(broken)))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getBody().getDetail()).startsWith("The flow cannot be tested"));
    }

    private List<String> texts(TestConversations.TestChat chat) {
        return tests.messages(caller, chat).stream().map(m -> m.direction() + " " + m.type() + " "
                + (m.content().get("body") != null ? m.content().get("body") : m.content().getOrDefault("answer", m.content().get("text"))))
                .toList();
    }
}
