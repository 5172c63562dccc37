package io.conversa.core.module;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.conversation.InboundService;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.OutboxTexts;
import io.conversa.engine.Event.InboundMessage;
import io.conversa.modules.java.ModuleJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The operator's modules directory: a Java jar and JavaScript modules published to every tenant; broken files skipped. */
@ApiTest
class OperatorModulesTest {

    @DynamicPropertySource
    static void modulesDirectory(DynamicPropertyRegistry registry) throws IOException {
        Path work = Files.createTempDirectory("conversa-operator-modules");
        Path directory = work.resolve("modules");
        ModuleJarBuilder.build(work, directory, "greeter",
                Map.of("Greeter", ModuleJarBuilder.greeter("Greeter", "acme.greeter", "1.0.0", "")), "acme.Greeter\n");
        Files.writeString(directory.resolve("garbage.jar"), "not a zip");
        Files.writeString(directory.resolve("weather.js"),
                "function execute(input) { return { forecast: 'Sunny in ' + input.city }; }");
        Files.writeString(directory.resolve("weather.json"),
                "{\"id\": \"acme.weather\", \"name\": \"Weather\", \"version\": \"2.0.0\", \"author\": \"Acme\"}");
        Files.writeString(directory.resolve("broken.js"), "function execute( {");
        Files.writeString(directory.resolve("broken.json"), "{\"id\": \"acme.broken\", \"name\": \"Broken\", \"version\": \"1.0.0\"}");
        Files.writeString(directory.resolve("orphan.js"), "function execute() { return 1; }");
        registry.add("conversa.modules.directory", directory::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ModuleRegistry registry;

    @Autowired
    InboundService inbound;

    @Autowired
    DSLContext dsl;

    @Test
    void publishesTheOperatorsModulesToEveryTenantAndReportsTheBrokenFiles() {
        ApiClient.Session owner = new ApiClient(port).signup("Operator " + UUID.randomUUID());

        JsonNode greeter = owner.get("/api/v1/modules/acme.greeter").json();
        JsonNode weather = owner.get("/api/v1/modules/acme.weather").json();

        assertThat(greeter.path("kind").asString()).isEqualTo("JAVA");
        assertThat(greeter.path("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(weather.path("kind").asString()).isEqualTo("JAVASCRIPT");
        assertThat(weather.path("latest").path("author").asString()).isEqualTo("Acme");
        assertThat(owner.get("/api/v1/modules/acme.broken").status()).isEqualTo(404);
        assertThat(registry.problems()).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).contains("garbage.jar").contains("cannot be read"),
                p -> assertThat(p).contains("broken.js").contains("syntax error"),
                p -> assertThat(p).contains("orphan.js"));
        ApiClient.Response taken = owner.post("/api/v1/modules", Map.of("manifest",
                Map.of("id", "acme.weather", "name", "Mine", "version", "9.0.0"), "source", "function execute() {}"));
        assertThat(taken.status()).isEqualTo(409);
    }

    @Test
    void flowsCallTheOperatorsJavaAndJavaScriptModulesOnceInstalled() {
        ApiClient.Session owner = new ApiClient(port).signup("Operator flows " + UUID.randomUUID());
        UUID channel = owner.connectChannel();
        owner.put("/api/v1/modules/acme.greeter/installation", Map.of("version", "1.0.0"));
        owner.put("/api/v1/modules/acme.weather/installation", Map.of("version", "2.0.0"));
        String flow = """
                {"name": "Operator", "start": "greet", "nodes": [
                   {"id": "greet", "type": "action", "data": {"moduleId": "acme.greeter", "moduleVersion": "1.0.0",
                     "config": {"name": "{{contact.name}}"}, "outputVariable": "hello"}},
                   {"id": "weather", "type": "action", "data": {"moduleId": "acme.weather", "moduleVersion": "2.0.0",
                     "config": {"city": "Lisbon"}, "outputVariable": "weather"}},
                   {"id": "say", "type": "message", "data": {"message": {"type": "text", "body": "{{hello.greeting}} {{weather.forecast}}"}}}],
                 "edges": [{"id": "1", "source": "greet", "target": "weather"}, {"id": "2", "source": "weather", "target": "say"}],
                 "triggers": {"keywords": ["hi"]}}
                """;
        String id = owner.post("/api/v1/flows", flow).json().path("flow").path("id").asString();
        assertThat(owner.post("/api/v1/flows/" + id + "/publish", "").status()).isEqualTo(200);

        UUID conversation = inbound.receive(owner.tenantId(), channel, "4915100000201", "Ada",
                InboundMessage.text("wamid." + UUID.randomUUID(), "hi")).conversationId();

        OutboxTexts.await(dsl, conversation, "Hello, Ada! Sunny in Lisbon");
        assertThat(owner.get("/api/v1/modules/executions").json().valueStream().map(e -> e.path("moduleId").asString()))
                .containsExactly("acme.weather", "acme.greeter");
    }
}
