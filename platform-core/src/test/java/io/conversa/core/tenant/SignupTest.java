package io.conversa.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.conversa.core.db.jooq.Tables.TENANTS;
import static io.conversa.core.db.jooq.Tables.USERS;

@ApiTest
class SignupTest {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void signupCreatesTenantAndOwnerWhoCanSignIn() {
        String email = "New.Owner-" + UUID.randomUUID() + "@Example.com";
        var response = api.post("/api/v1/signup", Map.of("tenantName", "Acme Pizza", "name", "Ada",
                "email", email, "password", "correct horse battery"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("tenant").path("name").asString()).isEqualTo("Acme Pizza");
        assertThat(response.json().path("user").path("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(response.json().path("role").asString()).isEqualTo("OWNER");

        var owner = api.login(email.toUpperCase(), "correct horse battery");
        var me = owner.get("/api/v1/me").json();
        assertThat(me.path("tenant").path("name").asString()).isEqualTo("Acme Pizza");
        assertThat(me.path("user").path("name").asString()).isEqualTo("Ada");
        assertThat(me.path("role").asString()).isEqualTo("OWNER");
    }

    @Test
    void signupWithAnExistingEmailIsAConflictAndCreatesNoTenant() {
        var first = api.signup("First");
        int tenantsBefore = dsl.fetchCount(TENANTS);

        var again = api.post("/api/v1/signup", Map.of("tenantName", "Second", "name", "Bob",
                "email", first.email(), "password", "another password"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).isEqualTo("application/problem+json");
        assertThat(again.json().path("detail").asString()).contains(first.email()).contains("already exists");
        assertThat(dsl.fetchCount(TENANTS)).isEqualTo(tenantsBefore);
    }

    @Test
    void invalidSignupNamesEveryBadFieldAndWritesNothing() {
        int usersBefore = dsl.fetchCount(USERS);

        var response = api.post("/api/v1/signup", Map.of("tenantName", " ", "email", "not-an-email", "password", "short"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactly("email", "name", "password", "tenantName");
        assertThat(response.json().path("detail").asString()).contains("email must be a well-formed email address");
        assertThat(dsl.fetchCount(USERS)).isEqualTo(usersBefore);
    }
}
