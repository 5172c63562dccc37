package io.conversa.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class UsersTest {

    @LocalServerPort
    int port;

    ApiClient api;
    ApiClient.Session owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Team");
    }

    @Test
    void aMemberKeepsTheConsoleLanguageTheyChoseAndBadChoicesAreRefused() {
        assertThat(owner.get("/api/v1/me").json().path("user").path("language").isNull()).isTrue();

        var chosen = owner.put("/api/v1/me/language", Map.of("language", "pt-BR"));
        assertThat(chosen.status()).isEqualTo(200);
        assertThat(chosen.json().path("user").path("language").asString()).isEqualTo("pt-BR");
        assertThat(owner.get("/api/v1/me").json().path("user").path("language").asString()).isEqualTo("pt-BR");

        var unknown = owner.put("/api/v1/me/language", Map.of("language", "klingon"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("language", "en", "pt-BR");
        assertThat(owner.get("/api/v1/me").json().path("user").path("language").asString()).isEqualTo("pt-BR");

        String key = owner.post("/api/v1/api-keys", Map.of("name", "a system", "role", "ADMIN")).json().path("key").asString();
        assertThat(api.put("/api/v1/me/language", Map.of("language", "en"), "X-Api-Key", key).status()).isEqualTo(403);

        var browser = owner.put("/api/v1/me/language", Collections.singletonMap("language", null));
        assertThat(browser.json().path("user").path("language").isNull()).isTrue();
    }

    @Test
    void ownerAddsMembersWhoCanSignInWithTheirRole() {
        var admin = addMember(owner, "ADMIN");

        var me = admin.get("/api/v1/me").json();
        assertThat(me.path("role").asString()).isEqualTo("ADMIN");
        assertThat(me.path("tenant").path("id").asString()).isEqualTo(owner.tenantId().toString());
        assertThat(owner.get("/api/v1/users").json().valueStream().map(u -> u.path("role").asString()))
                .containsExactlyInAnyOrder("OWNER", "ADMIN");
    }

    @Test
    void agentsAndBuildersCannotManageUsers() {
        var agent = addMember(owner, "AGENT");
        var builder = addMember(owner, "BUILDER");

        assertThat(agent.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(builder.post("/api/v1/users", newMember("AGENT")).status()).isEqualTo(403);
    }

    @Test
    void adminsCannotCreateOrTouchOwners() {
        var admin = addMember(owner, "ADMIN");

        assertThat(admin.post("/api/v1/users", newMember("OWNER")).status()).isEqualTo(403);
        assertThat(admin.patch("/api/v1/users/" + owner.userId(), Map.of("role", "AGENT")).status()).isEqualTo(403);
        assertThat(admin.delete("/api/v1/users/" + owner.userId()).status()).isEqualTo(403);
        assertThat(owner.get("/api/v1/users/" + owner.userId()).json().path("role").asString()).isEqualTo("OWNER");
    }

    @Test
    void theLastOwnerCannotBeDemotedOrRemoved() {
        var demote = owner.patch("/api/v1/users/" + owner.userId(), Map.of("role", "ADMIN"));
        var remove = owner.delete("/api/v1/users/" + owner.userId());

        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().path("detail").asString()).contains("at least one owner");
        assertThat(remove.status()).isEqualTo(409);

        var secondOwner = addMember(owner, "OWNER");
        assertThat(secondOwner.patch("/api/v1/users/" + owner.userId(), Map.of("role", "ADMIN")).status()).isEqualTo(200);
    }

    @Test
    void aRoleChangeOrRemovalTakesEffectOnExistingTokens() {
        var admin = addMember(owner, "ADMIN");
        UUID adminId = UUID.fromString(admin.get("/api/v1/me").json().path("user").path("id").asString());

        owner.patch("/api/v1/users/" + adminId, Map.of("role", "AGENT"));
        assertThat(admin.get("/api/v1/users").status()).isEqualTo(403);

        assertThat(owner.delete("/api/v1/users/" + adminId).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(owner.get("/api/v1/users/" + adminId).status()).isEqualTo(404);
    }

    @Test
    void changesAreAudited() {
        var agent = addMember(owner, "AGENT");
        UUID agentId = UUID.fromString(agent.get("/api/v1/me").json().path("user").path("id").asString());
        owner.patch("/api/v1/users/" + agentId, Map.of("role", "BUILDER", "name", "Renamed"));

        var events = owner.get("/api/v1/audit-events").json().path("items");

        assertThat(events.valueStream().map(e -> e.path("action").asString()))
                .contains("tenant.created", "user.added", "user.updated", "auth.login_succeeded");
        var update = events.valueStream().filter(e -> e.path("action").asString().equals("user.updated")).findFirst().orElseThrow();
        assertThat(update.path("actorUserId").asString()).isEqualTo(owner.userId().toString());
        assertThat(update.path("target").asString()).isEqualTo(agentId.toString());
        assertThat(update.path("details").path("role").path("to").asString()).isEqualTo("BUILDER");
        assertThat(update.path("ip").asString()).isNotBlank();

        // The log pages by cursor, newest first, without gaps or repeats.
        var first = owner.get("/api/v1/audit-events?limit=2").json();
        var second = owner.get("/api/v1/audit-events?limit=2&cursor=" + first.path("next").asString()).json();
        assertThat(java.util.stream.Stream.concat(first.path("items").valueStream(), second.path("items").valueStream())
                .map(e -> e.path("id").asLong()).toList())
                .containsExactlyElementsOf(events.valueStream().limit(4).map(e -> e.path("id").asLong()).toList());
        assertThat(owner.get("/api/v1/audit-events?cursor=AAAA").status()).isEqualTo(400);

        // Narrowed by member, action and time.
        assertThat(owner.get("/api/v1/audit-events?action=user.updated&actor=" + owner.userId()).json().path("items").valueStream()
                .map(e -> e.path("target").asString())).containsExactly(agentId.toString());
        assertThat(owner.get("/api/v1/audit-events?actor=" + agentId).json().path("items").valueStream()
                .map(e -> e.path("action").asString())).containsOnly("auth.login_succeeded");
        assertThat(owner.get("/api/v1/audit-events?from=" + update.path("occurredAt").asString().replace("+", "%2B")
                + "&action=tenant.created").json().path("items").size()).isZero();
        assertThat(owner.get("/api/v1/audit-events?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void anEmailTakenByAnyAccountIsAConflict() {
        var response = owner.post("/api/v1/users", Map.of("email", owner.email(), "name", "Dup",
                "password", "long enough password", "role", "AGENT"));

        assertThat(response.status()).isEqualTo(409);
    }

    private ApiClient.Session addMember(ApiClient.Session by, String role) {
        Map<String, String> member = newMember(role);
        var response = by.post("/api/v1/users", member);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return api.login(member.get("email"), member.get("password"));
    }

    private static Map<String, String> newMember(String role) {
        return Map.of("email", role.toLowerCase() + "-" + UUID.randomUUID() + "@example.com", "name", "A " + role,
                "password", "long enough password", "role", role);
    }
}
