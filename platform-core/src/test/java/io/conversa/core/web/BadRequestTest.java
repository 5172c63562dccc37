package io.conversa.core.web;

import static io.conversa.core.db.jooq.Tables.MEMBERSHIPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input gets a clear problem that says what and where, and changes nothing. */
@ApiTest
class BadRequestTest {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    ApiClient api;
    ApiClient.Session owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Bad input Inc");
    }

    @Test
    void problemsSpeakTheLanguageTheRequestAccepts() {
        String flow = "/api/v1/flows/" + UUID.randomUUID();
        assertThat(api.get(flow, owner.auth()).json().path("detail").asString()).startsWith("There is no flow ");
        assertThat(api.get(flow, "Authorization", owner.auth()[1], "Accept-Language", "pt-BR,pt;q=0.9").json().path("detail").asString())
                .startsWith("Não há fluxo ");
        var invalid = api.put("/api/v1/me/language", Map.of("language", "fr"), "Authorization", owner.auth()[1], "Accept-Language", "pt-BR");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("detail").asString()).startsWith("A requisição é inválida: language deve ser um de");
        assertThat(invalid.json().path("errors").path(0).path("message").asString()).startsWith("deve ser um de");
        assertThat(api.get(flow, "Authorization", owner.auth()[1], "Accept-Language", "de").json().path("detail").asString())
                .startsWith("There is no flow ");
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        int before = dsl.fetchCount(MEMBERSHIPS);

        var response = owner.post("/api/v1/users", "{\"email\": \"a@b.c\", \"name\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().path("detail").asString()).startsWith("The request body is not valid JSON").contains("line 1");
        assertThat(dsl.fetchCount(MEMBERSHIPS)).isEqualTo(before);
    }

    @Test
    void unknownRoleNamesTheFieldAndTheAllowedValues() {
        var response = owner.post("/api/v1/users", Map.of("email", "x@example.com", "name", "X",
                "password", "long enough password", "role", "SUPERUSER"));

        assertThat(response.status()).isEqualTo(400);
        var error = response.json().path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("role");
        assertThat(error.path("message").asString()).isEqualTo("'SUPERUSER' is not one of [OWNER, ADMIN, BUILDER, AGENT]");
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        var response = owner.post("/api/v1/users", "{\"email\": [1], \"name\": \"X\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("email");
    }

    @Test
    void missingBodyIsRefused() {
        var response = owner.post("/api/v1/users", "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void oversizeBodyIsRefusedWithoutReadingIt() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        var response = owner.post("/api/v1/users", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains("larger than the limit");
    }

    @Test
    void oversizeChunkedBodyIsRefusedWhileReading() {
        byte[] huge = ("{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes();
        // A publisher of unknown length makes the client send the body chunked, without Content-Length.
        var publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(huge));

        var response = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users"))
                .POST(publisher).header("Content-Type", "application/json"), owner.auth());

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void unknownEndpointIsAProblemToo() {
        var response = owner.get("/api/v1/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }
}
