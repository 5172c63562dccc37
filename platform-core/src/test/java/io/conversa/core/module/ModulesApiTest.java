package io.conversa.core.module;

import static io.conversa.core.db.jooq.Tables.MODULE_EXECUTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
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

/** The marketplace API: catalogue, uploads, installations and their secrets, tenant isolation, bad input. */
@ApiTest
class ModulesApiTest {

    static final String GREETER = """
            function execute(input, context) {
              return { greeting: 'Hello, ' + input.name + '!', key: context.secret('apiKey') ? 'set' : 'missing' };
            }
            """;

    @LocalServerPort
    int port;

    @Autowired
    ExecutionLogCleaner cleaner;

    @Autowired
    DSLContext dsl;

    ApiClient.Session owner;
    String moduleId;

    @BeforeEach
    void setUp() {
        owner = new ApiClient(port).signup("Marketplace " + UUID.randomUUID());
        moduleId = "acme.greeter-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, Object> manifest(String version) {
        return Map.of("id", moduleId, "name", "Greeter", "version", version, "description", "Greets the customer",
                "author", "Acme", "configSchema", Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"))),
                "secrets", List.of(Map.of("name", "apiKey", "label", "API key")));
    }

    private ApiClient.Response upload(ApiClient.Session session, String version, String source) {
        return session.post("/api/v1/modules", Map.of("manifest", manifest(version), "source", source));
    }

    @Test
    void everyTenantSeesTheBuiltInsAndCanSearch() {
        JsonNode all = owner.get("/api/v1/modules").json();

        assertThat(all.valueStream().map(m -> m.path("id").asString()))
                .contains("conversa.http-request", "conversa.json-transform", "conversa.javascript", "conversa.contact");
        JsonNode http = owner.get("/api/v1/modules/conversa.http-request").json();
        assertThat(http.path("kind").asString()).isEqualTo("BUILT_IN");
        assertThat(http.path("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(http.path("latest").path("configSchema").path("required").get(0).asString()).isEqualTo("url");
        assertThat(http.path("latest").path("capabilities").path("http").path("hosts").get(0).asString()).isEqualTo("*");
        assertThat(owner.get("/api/v1/modules?q=JSON").json().valueStream().map(m -> m.path("id").asString()))
                .containsExactly("conversa.json-transform");
        assertThat(owner.put("/api/v1/modules/conversa.http-request/installation", Map.of("version", "1.0.0")).status())
                .isEqualTo(409);
    }

    @Test
    void aTenantUploadsInstallsConfiguresUpgradesAndUninstallsItsModule() {
        ApiClient.Response uploaded = upload(owner, "1.0.0", GREETER);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().path("visibility").asString()).isEqualTo("PRIVATE");
        assertThat(uploaded.json().path("installation").isNull()).isTrue();
        assertThat(upload(owner, "1.10.0", GREETER).status()).isEqualTo(201);
        assertThat(upload(owner, "1.2.0", GREETER).status()).isEqualTo(201);

        JsonNode module = owner.get("/api/v1/modules/" + moduleId).json();
        assertThat(module.path("versions").valueStream().map(v -> v.path("version").asString()))
                .containsExactly("1.0.0", "1.2.0", "1.10.0");
        assertThat(module.path("latest").path("version").asString()).isEqualTo("1.10.0");

        ApiClient.Response installed = owner.put("/api/v1/modules/" + moduleId + "/installation",
                Map.of("version", "1.0.0", "secrets", Map.of("apiKey", "sk-very-secret")));
        assertThat(installed.status()).as(installed.body()).isEqualTo(200);
        assertThat(installed.json().path("installation").path("version").asString()).isEqualTo("1.0.0");
        assertThat(installed.json().path("installation").path("secrets").get(0).asString()).isEqualTo("apiKey");
        assertThat(installed.body()).doesNotContain("sk-very-secret");
        assertThat(owner.get("/api/v1/modules/" + moduleId).body()).doesNotContain("sk-very-secret");

        JsonNode upgraded = owner.put("/api/v1/modules/" + moduleId + "/installation", Map.of("version", "1.2.0")).json();
        assertThat(upgraded.path("installation").path("version").asString()).isEqualTo("1.2.0");
        assertThat(upgraded.path("installation").path("secrets").get(0).asString()).as("secrets are kept").isEqualTo("apiKey");

        JsonNode cleared = owner.patch("/api/v1/modules/" + moduleId + "/installation/secrets", Map.of("apiKey", "")).json();
        assertThat(cleared.path("installation").path("secrets").isEmpty()).isTrue();
        assertThat(cleared.path("installation").path("missingSecrets").get(0).asString()).isEqualTo("apiKey");

        assertThat(owner.delete("/api/v1/modules/" + moduleId + "/installation").status()).isEqualTo(204);
        assertThat(owner.delete("/api/v1/modules/" + moduleId + "/installation").status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/modules/" + moduleId).json().path("installation").isNull()).isTrue();
    }

    @Test
    void aVersionCanBeTriedWithAConfigBeforeAFlowUsesIt() {
        JsonNode tried = owner.post("/api/v1/modules/conversa.json-transform/try", Map.of("version", "1.0.0",
                "input", Map.of("data", Map.of("items", List.of(1, 2, 3)), "expression", "data.items.length"))).json();
        assertThat(tried.path("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(tried.path("output").asInt()).isEqualTo(3);

        upload(owner, "1.0.0", GREETER);
        JsonNode notInstalled = owner.post("/api/v1/modules/" + moduleId + "/try", Map.of("version", "1.0.0",
                "input", Map.of("name", "Ada"))).json();
        assertThat(notInstalled.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(notInstalled.path("error").asString()).contains("not installed");

        owner.put("/api/v1/modules/" + moduleId + "/installation", Map.of("version", "1.0.0", "secrets", Map.of("apiKey", "k")));
        JsonNode greeted = owner.post("/api/v1/modules/" + moduleId + "/try", Map.of("version", "1.0.0",
                "input", Map.of("name", "Ada"))).json();
        assertThat(greeted.path("output").path("greeting").asString()).isEqualTo("Hello, Ada!");
        assertThat(greeted.path("output").path("key").asString()).isEqualTo("set");
        assertThat(owner.get("/api/v1/modules/executions?moduleId=" + moduleId).json().get(0).path("conversationId").isNull())
                .isTrue();
        assertThat(new ApiClient(port).signup("Nosy " + UUID.randomUUID())
                .post("/api/v1/modules/" + moduleId + "/try", Map.of("version", "1.0.0")).status()).isEqualTo(404);
    }

    @Test
    void executionsOlderThanTheRetentionAreDeleted() {
        owner.post("/api/v1/modules/conversa.json-transform/try", Map.of("version", "1.0.0",
                "input", Map.of("data", 1, "expression", "data")));
        owner.post("/api/v1/modules/conversa.json-transform/try", Map.of("version", "1.0.0",
                "input", Map.of("data", 2, "expression", "data")));
        var log = owner.get("/api/v1/modules/executions").json();
        assertThat(log.size()).isEqualTo(2);
        dsl.update(MODULE_EXECUTIONS)
                .set(MODULE_EXECUTIONS.STARTED_AT, OffsetDateTime.now().minusDays(31))
                .where(MODULE_EXECUTIONS.ID.eq(UUID.fromString(log.get(1).path("id").asString())))
                .execute();

        assertThat(cleaner.deleteExpired()).isGreaterThanOrEqualTo(1);

        assertThat(owner.get("/api/v1/modules/executions").json().valueStream().map(e -> e.path("id").asString()))
                .containsExactly(log.get(0).path("id").asString());
    }

    @Test
    void badUploadsAndInstallationsAreRefusedWithWhatIsWrong() {
        assertField(upload(owner, "1.0", GREETER), 400, "manifest");
        assertField(upload(owner, "1.0.0", "function execute( {"), 400, "source");
        assertField(upload(owner, "1.0.0", "const nothing = 1;"), 400, "source");
        assertField(owner.post("/api/v1/modules", Map.of("manifest", Map.of("id", "conversa.mine", "name", "Mine",
                "version", "1.0.0"), "source", GREETER)), 400, "manifest.id");
        assertField(owner.post("/api/v1/modules", Map.of("manifest", Map.of("id", "acme.x", "name", "X", "version", "1.0.0",
                "capabilities", Map.of("filesystem", true)), "source", GREETER)), 400, "manifest.capabilities.filesystem");
        assertField(owner.post("/api/v1/modules", Map.of("manifest", Map.of("id", "acme.x", "name", "X", "version", "1.0.0",
                "capabilities", Map.of("http", Map.of("hosts", List.of()))), "source", GREETER)), 400, "manifest.capabilities.http");
        assertThat(owner.post("/api/v1/modules", "{\"manifest\": ").status()).isEqualTo(400);

        assertThat(upload(owner, "1.0.0", GREETER).status()).isEqualTo(201);
        ApiClient.Response again = upload(owner, "1.0.0", "function execute() { return 'changed'; }");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asString()).contains("versions never change");

        assertField(owner.put("/api/v1/modules/" + moduleId + "/installation", Map.of("version", "9.9.9")), 400, "version");
        assertField(owner.put("/api/v1/modules/" + moduleId + "/installation",
                Map.of("version", "1.0.0", "secrets", Map.of("password", "x"))), 400, "secrets.password");
        assertThat(owner.get("/api/v1/modules/" + moduleId).json().path("installation").isNull())
                .as("a refused installation changes nothing").isTrue();
        assertThat(owner.patch("/api/v1/modules/" + moduleId + "/installation/secrets", Map.of("apiKey", "x")).status())
                .isEqualTo(404);
        assertThat(owner.get("/api/v1/modules/acme.nothing-here").status()).isEqualTo(404);
        assertField(owner.get("/api/v1/modules/executions?limit=0"), 400, "limit");
    }

    @Test
    void anotherTenantNeitherSeesNorInstallsAPrivateModule() {
        assertThat(upload(owner, "1.0.0", GREETER).status()).isEqualTo(201);
        owner.put("/api/v1/modules/" + moduleId + "/installation", Map.of("version", "1.0.0", "secrets", Map.of("apiKey", "k")));
        ApiClient.Session other = new ApiClient(port).signup("Other " + UUID.randomUUID());

        assertThat(other.get("/api/v1/modules").json().valueStream().map(m -> m.path("id").asString())).doesNotContain(moduleId);
        assertThat(other.get("/api/v1/modules/" + moduleId).status()).isEqualTo(404);
        assertThat(other.put("/api/v1/modules/" + moduleId + "/installation", Map.of("version", "1.0.0")).status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/modules/" + moduleId + "/installation").status()).isEqualTo(404);
        assertThat(upload(other, "1.0.0", GREETER).status()).as("ids are per tenant").isEqualTo(201);
        assertThat(other.get("/api/v1/modules/" + moduleId).json().path("installation").isNull()).isTrue();
        assertThat(owner.get("/api/v1/modules/" + moduleId).json().path("installation").path("version").asString())
                .isEqualTo("1.0.0");
    }

    @Test
    void agentsBrowseButDoNotChangeModules() {
        ApiClient.Session agent = owner.addMember("AGENT");

        assertThat(agent.get("/api/v1/modules").status()).isEqualTo(200);
        assertThat(upload(agent, "1.0.0", GREETER).status()).isEqualTo(403);
        assertThat(agent.put("/api/v1/modules/" + moduleId + "/installation", Map.of("version", "1.0.0")).status()).isEqualTo(403);
    }

    private static void assertField(ApiClient.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .as(response.body()).contains(field);
    }
}
