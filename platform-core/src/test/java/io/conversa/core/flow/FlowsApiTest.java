package io.conversa.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class FlowsApiTest {

    static final String DRAFT = """
            {"name": "Welcome", "start": "hello", "nodes": [
              {"id": "hello", "type": "message", "position": {"x": 0, "y": 0},
               "data": {"message": {"type": "text", "body": "Hi {{contact.name}}"}}},
              {"id": "bye", "type": "end", "position": {"x": 0, "y": 100}, "data": {}}],
             "edges": [%s],
             "triggers": {"keywords": ["hi"], "defaultFlow": true}}
            """;
    static final String UNCONNECTED = DRAFT.formatted("");
    static final String CONNECTED = DRAFT.formatted("{\"id\": \"e1\", \"source\": \"hello\", \"target\": \"bye\"}");

    @LocalServerPort
    int port;

    ApiClient api;
    ApiClient.Session builder;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        builder = api.signup("Flows Inc");
    }

    @Test
    void aDraftIsSavedWithItsProblemsAndPublishedOnceSound() {
        var created = builder.post("/api/v1/flows", UNCONNECTED);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("flow").path("id").asString();
        assertThat(created.json().path("problems").get(0).path("nodeId").asString()).isEqualTo("bye");

        var refused = builder.post("/api/v1/flows/" + id + "/publish", "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").get(0).path("message").asString()).isEqualTo("cannot be reached from the start node");

        var saved = builder.client().send(put(id, CONNECTED, "\"1\""), builder.auth());
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.raw().headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(saved.json().path("problems").isEmpty()).isTrue();

        var published = builder.post("/api/v1/flows/" + id + "/publish", "");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().path("version").asInt()).isEqualTo(1);
        assertThat(builder.post("/api/v1/flows/" + id + "/publish", "").json().path("version").asInt()).isEqualTo(2);

        assertThat(builder.get("/api/v1/flows/" + id + "/versions").json().valueStream().map(v -> v.path("version").asInt()))
                .containsExactly(2, 1);
        assertThat(builder.get("/api/v1/flows/" + id + "/versions/1").json().path("edges").get(0).path("target").asString())
                .isEqualTo("bye");
        assertThat(builder.get("/api/v1/flows").json().get(0).path("status").asString()).isEqualTo("PUBLISHED");
    }

    @Test
    void aSaveBasedOnAStaleRevisionIsRefused() {
        String id = builder.post("/api/v1/flows", UNCONNECTED).json().path("flow").path("id").asString();
        builder.client().send(put(id, CONNECTED, "\"1\""), builder.auth());

        var stale = builder.client().send(put(id, UNCONNECTED, "\"1\""), builder.auth());

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().path("currentRevision").asInt()).isEqualTo(2);
        assertThat(builder.get("/api/v1/flows/" + id).json().path("draft").path("edges").size()).isEqualTo(1);
    }

    @Test
    void aDocumentOutsideTheFormatSaysWhere() {
        var unknownType = builder.post("/api/v1/flows", """
                {"name": "x", "start": "a", "nodes": [{"id": "a", "type": "end", "data": {}}, {"id": "b", "type": "teleport", "data": {}}]}
                """);
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().path("errors").get(0).path("field").asString()).isEqualTo("nodes[1].type");
        assertThat(unknownType.json().path("detail").asString()).contains("'teleport' is not a node type");

        var wrongShape = builder.post("/api/v1/flows", "{\"name\": \"x\", \"nodes\": {}}");
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(wrongShape.json().path("errors").get(0).path("field").asString()).isEqualTo("nodes");
        assertThat(builder.get("/api/v1/flows").json().size()).isZero();
    }

    @Test
    void exportAndImportCopyAFlow() {
        String id = builder.post("/api/v1/flows", CONNECTED).json().path("flow").path("id").asString();

        var exported = builder.get("/api/v1/flows/" + id + "/export");
        var imported = builder.post("/api/v1/flows/import", exported.body());

        assertThat(exported.raw().headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        assertThat(imported.status()).isEqualTo(201);
        assertThat(imported.json().path("draft")).isEqualTo(exported.json());
    }

    @Test
    void agentsReadButDoNotEditAndOtherTenantsSeeNothing() {
        String id = builder.post("/api/v1/flows", CONNECTED).json().path("flow").path("id").asString();
        String agentKey = builder.post("/api/v1/api-keys", Map.of("name", "agent", "role", "AGENT")).json().path("key").asString();

        assertThat(api.get("/api/v1/flows/" + id, "X-Api-Key", agentKey).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/flows/" + id + "/publish", "", "X-Api-Key", agentKey).status()).isEqualTo(403);

        var stranger = api.signup("Other Inc");
        assertThat(stranger.get("/api/v1/flows/" + id).status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v1/flows/" + id).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/flows/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(builder.delete("/api/v1/flows/" + id).status()).isEqualTo(204);
        assertThat(builder.get("/api/v1/flows/" + id).status()).isEqualTo(404);
    }

    private HttpRequest.Builder put(String id, String body, String ifMatch) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/flows/" + id))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("If-Match", ifMatch);
    }
}
