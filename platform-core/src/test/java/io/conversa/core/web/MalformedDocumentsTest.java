package io.conversa.core.web;

import static io.conversa.core.db.jooq.Tables.CHANNELS;
import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.FLOWS;
import static io.conversa.core.db.jooq.Tables.FLOW_VERSIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.MODULE_VERSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.MalformedJson;
import io.conversa.core.support.MetaWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Generated malformed documents against every API that takes one (flows, channels, modules'
 * manifests, Meta's webhooks): whatever the input, never a 5xx, a refusal says what is wrong,
 * and a refused document writes nothing. A failure names the seed and mutation to replay.
 */
@ApiTest
class MalformedDocumentsTest {

    static final long SEED = Long.getLong("conversa.fuzz.seed", 20261202L);
    static final int VARIANTS = Integer.getInteger("conversa.fuzz.variants", 80);

    static final String FLOW = """
            {"name": "Order", "start": "hello", "nodes": [
               {"id": "hello", "type": "message", "position": {"x": 0, "y": 0}, "data": {"message": {"type": "buttons",
                 "body": "Hi {{contact.name}}!", "buttons": [{"id": "order", "title": "Order"}, {"id": "menu", "title": "Menu"}]}}},
               {"id": "howMany", "type": "question", "data": {"prompt": {"type": "text", "body": "How many pizzas?"},
                 "variable": "count", "validation": {"kind": "number", "min": 1, "max": 10},
                 "retryMessage": "Please send a number from 1 to 10.", "maxRetries": 2}},
               {"id": "big", "type": "condition", "data": {"rules": [{"id": "party",
                 "comparisons": [{"left": "{{count}}", "operator": "greater_than", "right": "5"}]}]}},
               {"id": "party", "type": "set_variable", "data": {"assignments": [{"variable": "party", "value": "yes"}]}},
               {"id": "where", "type": "message", "data": {"message": {"type": "location", "latitude": 52.52, "longitude": 13.40,
                 "name": "Pizzeria"}}},
               {"id": "human", "type": "handoff", "data": {"message": "An agent will take over."}},
               {"id": "menu", "type": "message", "data": {"message": {"type": "list", "body": "Pick", "button": "Menu",
                 "sections": [{"title": "Pizzas", "rows": [{"id": "m", "title": "Margherita", "description": "Tomato"}]}]}}},
               {"id": "card", "type": "message", "data": {"message": {"type": "contacts", "contacts": [{"formattedName": "Ada",
                 "phones": ["+4915112345678"], "emails": ["ada@example.com"]}]}}},
               {"id": "hello-tpl", "type": "message", "data": {"message": {"type": "template", "name": "hello", "language": "en",
                 "components": [{"type": "body", "parameters": [{"type": "text", "text": "{{contact.name}}"}]}]}}},
               {"id": "lookup", "type": "action", "data": {"moduleId": "conversa.http-request", "moduleVersion": "1.0.0",
                 "config": {"url": "https://api.example.com/orders/{{count}}", "method": "GET"}, "outputVariable": "order"}},
               {"id": "pause", "type": "delay", "data": {"seconds": 60}},
               {"id": "again", "type": "jump", "data": {"nodeId": "howMany"}},
               {"id": "done", "type": "end", "data": {}}],
             "edges": [{"id": "1", "source": "hello", "target": "howMany"}, {"id": "2", "source": "howMany", "target": "big"},
               {"id": "3", "source": "big", "sourceHandle": "party", "target": "party"},
               {"id": "4", "source": "big", "sourceHandle": "else", "target": "where"},
               {"id": "5", "source": "party", "target": "human"}, {"id": "6", "source": "where", "target": "menu"},
               {"id": "7", "source": "menu", "target": "card"}, {"id": "8", "source": "card", "target": "hello-tpl"},
               {"id": "9", "source": "hello-tpl", "target": "lookup"}, {"id": "10", "source": "lookup", "target": "pause"},
               {"id": "11", "source": "lookup", "sourceHandle": "error", "target": "done"},
               {"id": "12", "source": "pause", "target": "again"}],
             "triggers": {"keywords": ["pizza"], "defaultFlow": false}}
            """;

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    ApiClient api;
    ApiClient.Session owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Fuzzed " + UUID.randomUUID());
    }

    @Test
    void malformedFlowsAreSavedAsDraftsWithProblemsOrRefusedAndNeverCrash() {
        var created = owner.post("/api/v1/flows", FLOW).json();
        assertThat(created.path("problems").isArray() && created.path("problems").isEmpty())
                .as("the unmutated flow is sound: %s", created).isTrue();
        String flowId = created.path("flow").path("id").asString();
        for (MalformedJson.Variant variant : new MalformedJson(SEED).variants(FLOW, VARIANTS)) {
            refusedWithoutWriting(variant, () -> owner.post("/api/v1/flows", variant.body()), () -> dsl.fetchCount(FLOWS));
            ApiClient.Response saved = refusedWithoutWriting(variant, () -> owner.put("/api/v1/flows/" + flowId, variant.body()),
                    () -> dsl.select(FLOWS.DRAFT_REVISION).from(FLOWS).where(FLOWS.ID.eq(UUID.fromString(flowId))).fetchSingle().value1());
            if (saved.status() == 200) {
                refusedWithoutWriting(variant, () -> owner.post("/api/v1/flows/" + flowId + "/publish", ""),
                        () -> dsl.fetchCount(FLOW_VERSIONS));
            }
        }
    }

    @Test
    void malformedChannelsAreRefusedAndNothingIsWritten() {
        String channel = """
                {"name": "Sales", "phoneNumberId": "%s", "wabaId": "102290129340398", "displayPhoneNumber": "+1 555 0100",
                 "accessToken": "EAAG-token", "appSecret": "app-secret", "verifyToken": "verify-me", "appId": "1234567890",
                 "graphApiUrl": "https://graph.example.com", "graphApiVersion": "v24.0"}
                """;
        long number = 300_000_000_000L + (long) (Math.random() * 100_000_000_000L);
        for (MalformedJson.Variant variant : new MalformedJson(SEED).variants(channel.formatted(number), VARIANTS)) {
            String body = variant.body().replace(String.valueOf(number), String.valueOf(++number));
            refusedWithoutWriting(variant, () -> owner.post("/api/v1/channels", body), () -> dsl.fetchCount(CHANNELS));
        }
    }

    @Test
    void malformedModuleManifestsAreRefusedAndNothingIsWritten() {
        String module = """
                {"manifest": {"id": "acme.fuzz", "name": "Fuzz", "version": "1.0.0", "description": "Greets",
                   "author": "Acme", "configSchema": {"type": "object", "properties": {"name": {"type": "string"}},
                   "required": ["name"]}, "secrets": [{"name": "apiKey", "label": "API key"}],
                   "capabilities": {"http": {"hosts": ["api.example.com"]}}},
                 "source": "function execute(input, context) { return { greeting: 'Hello ' + input.name }; }"}
                """;
        int version = 0;
        for (MalformedJson.Variant variant : new MalformedJson(SEED).variants(module, VARIANTS)) {
            String body = variant.body().replace("1.0.0", "1.0." + ++version);
            refusedWithoutWriting(variant, () -> owner.post("/api/v1/modules", body), () -> dsl.fetchCount(MODULE_VERSIONS));
        }
    }

    @Test
    void malformedWebhooksAreRefusedAndStoreNoMessageOrStatus() {
        String phoneNumberId = String.valueOf(400_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        UUID channel = owner.connectChannel(phoneNumberId, "fuzz-secret");
        for (String envelope : List.of("all-message-types.json", "statuses.json")) {
            String valid = resource(envelope).replace("PHONE_NUMBER_ID", phoneNumberId);
            int n = 0;
            for (MalformedJson.Variant variant : new MalformedJson(SEED).variants(valid, VARIANTS)) {
                // Fresh message ids, so an accepted variant is new, not a redelivery.
                String body = variant.body().replace("wamid.", "wamid." + n++ + "-");
                refusedWithoutWriting(variant, () -> postWebhook(channel, body), () -> dsl.fetchCount(INBOX)
                        + dsl.fetchCount(MESSAGE_STATUSES) + dsl.fetchCount(CONVERSATIONS));
            }
        }
    }

    /** Sends a variant: never a 5xx; when refused (4xx), a problem saying why, and the watched state is as before. */
    private ApiClient.Response refusedWithoutWriting(MalformedJson.Variant variant, Supplier<ApiClient.Response> send,
            Supplier<Object> state) {
        Object before = state.get();
        ApiClient.Response response = send.get();
        assertThat(response.status()).as("%s answered %s", variant, response.body()).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(state.get()).as("%s was refused but changed something", variant).isEqualTo(before);
            assertThat(Stream.of("detail", "title").anyMatch(f -> !response.json().path(f).asString("").isBlank()))
                    .as("%s was refused without a reason: %s", variant, response.body()).isTrue();
        }
        return response;
    }

    private ApiClient.Response postWebhook(UUID channel, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/whatsapp/" + channel))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", MetaWebhooks.signature(bytes, "fuzz-secret")));
    }

    private static String resource(String name) {
        try (var in = MalformedDocumentsTest.class.getResourceAsStream("/webhooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
