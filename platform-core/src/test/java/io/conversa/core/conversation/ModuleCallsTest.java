package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.MODULE_CALLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.OutboxTexts;
import io.conversa.engine.Event.InboundMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Action nodes calling modules through the real pipeline: installed, built in, failing, crashing. */
@ApiTest
class ModuleCallsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Looks a customer up in the module's store, counting visits; needs its API key. */
    static final String LOYALTY = """
            function execute(input, context) {
              if (!context.secret('apiKey')) { throw new Error('no API key configured'); }
              const visits = Number(context.store.get('visits:' + input.phone) || 0) + 1;
              context.store.put('visits:' + input.phone, String(visits));
              context.log.info('visit ' + visits + ' of ' + input.phone);
              return { visits, tier: visits > 1 ? 'gold' : 'new' };
            }
            """;

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    @Autowired
    DSLContext dsl;

    @Autowired
    ModuleCallRunner runner;

    ApiClient.Session owner;
    UUID channel;
    String loyaltyId;

    @BeforeEach
    void setUp() {
        owner = new ApiClient(port).signup("Modules Pizza " + UUID.randomUUID());
        channel = owner.connectChannel();
        loyaltyId = "acme.loyalty-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response uploaded = owner.post("/api/v1/modules", Map.of("manifest", Map.of("id", loyaltyId,
                "name", "Loyalty", "version", "1.0.0", "secrets", List.of(Map.of("name", "apiKey")),
                "capabilities", Map.of("keyValueStore", true)), "source", LOYALTY));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    private void publish(String keyword, String moduleId, String config, String replyOk) {
        String flow = """
                {"name": "%1$s", "start": "call", "nodes": [
                   {"id": "call", "type": "action", "data": {"moduleId": "%2$s", "moduleVersion": "1.0.0",
                     "config": %3$s, "outputVariable": "out"}},
                   {"id": "ok", "type": "message", "data": {"message": {"type": "text", "body": "%4$s"}}},
                   {"id": "failed", "type": "message", "data": {"message": {"type": "text", "body": "Sorry: {{out.error}}"}}}],
                 "edges": [{"id": "1", "source": "call", "target": "ok"},
                           {"id": "2", "source": "call", "sourceHandle": "error", "target": "failed"}],
                 "triggers": {"keywords": ["%1$s"]}}
                """.formatted(keyword, moduleId, config, replyOk);
        String id = owner.post("/api/v1/flows", flow).json().path("flow").path("id").asString();
        ApiClient.Response published = owner.post("/api/v1/flows/" + id + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    @Test
    void anInstalledModuleAnswersTheFlowAndKeepsItsStore() {
        owner.put("/api/v1/modules/" + loyaltyId + "/installation", Map.of("version", "1.0.0",
                "secrets", Map.of("apiKey", "k-1")));
        publish("loyalty", loyaltyId, "{\"phone\": \"{{contact.phone}}\"}", "Visit {{out.visits}}: {{out.tier}}");

        UUID conversation = say("4915100000101", "loyalty");
        awaitTexts(conversation, "Visit 1: new");
        say("4915100000101", "loyalty");
        awaitTexts(conversation, "Visit 1: new", "Visit 2: gold");

        JsonNode log = owner.get("/api/v1/modules/executions?moduleId=" + loyaltyId).json();
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.get(0).path("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(log.get(0).path("version").asString()).isEqualTo("1.0.0");
        assertThat(log.get(0).path("conversationId").asString()).isEqualTo(conversation.toString());
        assertThat(log.get(0).path("logs").get(0).asString()).isEqualTo("INFO visit 2 of 4915100000101");
        assertThat(dsl.fetchCount(MODULE_CALLS, MODULE_CALLS.CONVERSATION_ID.eq(conversation))).as("answered calls leave the queue").isZero();
    }

    @Test
    void aModuleThatIsNotInstalledOrFailsFollowsTheErrorEdge() {
        publish("loyalty", loyaltyId, "{\"phone\": \"{{contact.phone}}\"}", "Visit {{out.visits}}");

        UUID conversation = say("4915100000102", "loyalty");
        awaitTexts(conversation, "Sorry: The module " + loyaltyId + " is not installed in this tenant; install it in the marketplace.");

        owner.put("/api/v1/modules/" + loyaltyId + "/installation", Map.of("version", "1.0.0"));
        say("4915100000102", "loyalty");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(texts(conversation)).last()
                .asString().startsWith("Sorry: Error: no API key configured"));
        assertThat(owner.get("/api/v1/modules/executions?moduleId=" + loyaltyId).json().get(0).path("error").asString())
                .contains("no API key configured");
    }

    @Test
    void builtInsNeedNoInstallationAndContactChangesAreSaved() {
        publish("transform", "conversa.json-transform",
                "{\"data\": \"{{contact}}\", \"expression\": \"data.name.toUpperCase() + ' ' + data.phone.length\"}",
                "{{out}}");
        publish("tag", "conversa.contact", "{\"addTags\": \"vip, pizza\", \"setAttributes\": {\"plan\": \"gold\"}}",
                "Tagged: {{out.tags.0}} {{contact.attributes.plan}}");

        UUID conversation = say("4915100000103", "transform");
        awaitTexts(conversation, "ADA 13");
        say("4915100000103", "tag");
        awaitTexts(conversation, "ADA 13", "Tagged: vip gold");

        JsonNode contact = JSON.readTree(dsl.select(CONVERSATIONS.CONTACT).from(CONVERSATIONS)
                .where(CONVERSATIONS.ID.eq(conversation)).fetchSingle().value1().data());
        assertThat(contact.path("tags").valueStream().map(JsonNode::asString)).containsExactly("vip", "pizza");
        assertThat(contact.path("attributes").path("plan").asString()).isEqualTo("gold");
        assertThat(contact.path("name").asString()).isEqualTo("Ada");
    }

    @Test
    void aModuleBreakingTheSandboxLimitsFailsOnlyItsOwnCall() {
        String spinner = "acme.spinner-" + UUID.randomUUID().toString().substring(0, 8);
        owner.post("/api/v1/modules", Map.of("manifest", Map.of("id", spinner, "name", "Spinner", "version", "1.0.0"),
                "source", "function execute() { for (;;) {} }"));
        owner.put("/api/v1/modules/" + spinner + "/installation", Map.of("version", "1.0.0"));
        owner.put("/api/v1/modules/" + loyaltyId + "/installation", Map.of("version", "1.0.0", "secrets", Map.of("apiKey", "k")));
        publish("spin", spinner, "{}", "never");
        publish("loyalty", loyaltyId, "{\"phone\": \"{{contact.phone}}\"}", "Visit {{out.visits}}");

        UUID spinning = say("4915100000104", "spin");
        UUID other = say("4915100000105", "loyalty");

        awaitTexts(other, "Visit 1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(texts(spinning)).singleElement()
                .asString().startsWith("Sorry: The script ran more than"));
    }

    @Test
    void aCallWhoseRunnerDiedRunsAgainAndIsAnsweredOnce() {
        UUID conversation = callLeasedByARunnerThatDied("4915100000106", 1);

        awaitTexts(conversation, "Visit 1");
        assertThat(dsl.fetchCount(INBOX, INBOX.CONVERSATION_ID.eq(conversation).and(INBOX.KIND.eq("MODULE_COMPLETED"))))
                .isEqualTo(1);
    }

    @Test
    void aCallInterruptedTooOftenFailsInsteadOfRunningAgain() {
        UUID conversation = callLeasedByARunnerThatDied("4915100000107", ModuleCallRunner.MAX_ATTEMPTS);

        awaitTexts(conversation, "Sorry: The call of " + loyaltyId + " was interrupted 3 times; it is not tried again.");
    }

    /** Queues a loyalty call while no runner runs, then makes it look leased {@code attempts} times, its lease run out. */
    private UUID callLeasedByARunnerThatDied(String waId, int attempts) {
        owner.put("/api/v1/modules/" + loyaltyId + "/installation", Map.of("version", "1.0.0", "secrets", Map.of("apiKey", "k")));
        publish("loyalty", loyaltyId, "{\"phone\": \"{{contact.phone}}\"}", "Visit {{out.visits}}");
        runner.stop();
        try {
            UUID conversation = say(waId, "loyalty");
            await().until(() -> dsl.fetchCount(MODULE_CALLS, MODULE_CALLS.CONVERSATION_ID.eq(conversation)) == 1);
            dsl.update(MODULE_CALLS).set(MODULE_CALLS.ATTEMPTS, attempts)
                    .set(MODULE_CALLS.LEASE_UNTIL, OffsetDateTime.now().minusSeconds(1))
                    .where(MODULE_CALLS.CONVERSATION_ID.eq(conversation)).execute();
            return conversation;
        } finally {
            runner.start();
        }
    }

    private UUID say(String waId, String text) {
        return inbound.receive(owner.tenantId(), channel, waId, "Ada", InboundMessage.text("wamid." + UUID.randomUUID(), text))
                .conversationId();
    }

    private void awaitTexts(UUID conversation, String... expected) {
        OutboxTexts.await(dsl, conversation, expected);
    }

    private List<String> texts(UUID conversation) {
        return OutboxTexts.of(dsl, conversation);
    }
}
