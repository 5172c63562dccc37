package io.conversa.core.db;

import static io.conversa.core.db.jooq.Tables.API_KEYS;
import static io.conversa.core.db.jooq.Tables.AUDIT_EVENTS;
import static io.conversa.core.db.jooq.Tables.MEMBERSHIPS;
import static io.conversa.core.db.jooq.Tables.TENANTS;
import static io.conversa.core.db.jooq.Tables.USERS;
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

/**
 * One tenant can neither read, change nor detect another's rows: not through the API, and
 * not even through a query that forgets its tenant condition (row-level security).
 */
@ApiTest
class TenantIsolationTest {

    @LocalServerPort
    int port;

    @Autowired
    Transactions transactions;

    @Autowired
    DSLContext dsl;

    ApiClient api;
    ApiClient.Session alice;
    ApiClient.Session bob;
    UUID bobsMember;
    UUID bobsKey;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        alice = api.signup("Alice's shop");
        bob = api.signup("Bob's shop");
        bobsMember = UUID.fromString(bob.post("/api/v1/users", Map.of("email", "agent-" + UUID.randomUUID() + "@example.com",
                "name", "Bob's agent", "password", "long enough password", "role", "AGENT")).json().path("id").asString());
        bobsKey = UUID.fromString(bob.post("/api/v1/api-keys", Map.of("name", "Bob's key", "role", "ADMIN"))
                .json().path("id").asString());
    }

    @Test
    void anotherTenantsUserLooksExactlyLikeOneThatDoesNotExist() {
        UUID nobody = UUID.randomUUID();
        for (String method : new String[] {"GET", "PATCH", "DELETE"}) {
            var theirs = call(method, "/api/v1/users/" + bobsMember);
            var missing = call(method, "/api/v1/users/" + nobody);

            assertThat(theirs.status()).as(method).isEqualTo(404);
            assertThat(theirs.json().path("detail").asString().replace(bobsMember.toString(), "ID"))
                    .isEqualTo(missing.json().path("detail").asString().replace(nobody.toString(), "ID"));
        }
        assertThat(bob.get("/api/v1/users/" + bobsMember).json().path("role").asString()).isEqualTo("AGENT");
    }

    @Test
    void anotherTenantsApiKeyCannotBeRevoked() {
        assertThat(alice.delete("/api/v1/api-keys/" + bobsKey).status()).isEqualTo(404);
        assertThat(bob.get("/api/v1/api-keys").json().get(0).path("revokedAt").isNull()).isTrue();
    }

    @Test
    void listsShowOnlyTheCallersTenant() {
        assertThat(alice.get("/api/v1/users").body()).doesNotContain(bobsMember.toString(), bob.userId().toString());
        assertThat(alice.get("/api/v1/api-keys").body()).doesNotContain(bobsKey.toString());
        assertThat(alice.get("/api/v1/audit-events").body())
                .doesNotContain(bob.tenantId().toString(), bobsMember.toString(), bob.userId().toString());
    }

    @Test
    void rowLevelSecurityHidesOtherTenantsRowsFromUnscopedQueries() {
        var seen = transactions.inTenant(alice.tenantId(), () -> Map.of(
                "tenants", dsl.selectFrom(TENANTS).fetch(TENANTS.ID),
                "users", dsl.selectFrom(USERS).fetch(USERS.ID),
                "memberships", dsl.selectFrom(MEMBERSHIPS).fetch(MEMBERSHIPS.TENANT_ID),
                "apiKeys", dsl.selectFrom(API_KEYS).fetch(API_KEYS.TENANT_ID),
                "auditEvents", dsl.selectFrom(AUDIT_EVENTS).fetch(AUDIT_EVENTS.TENANT_ID)));

        assertThat(seen.get("tenants")).containsExactly(alice.tenantId());
        assertThat(seen.get("users")).containsExactly(alice.userId());
        assertThat(seen.get("memberships")).containsOnly(alice.tenantId());
        assertThat(seen.get("apiKeys")).isEmpty();
        assertThat(seen.get("auditEvents")).isNotEmpty().containsOnly(alice.tenantId());
    }

    @Test
    void rowLevelSecurityRefusesChangesToOtherTenantsRows() {
        int changed = transactions.inTenant(alice.tenantId(), () ->
                dsl.update(MEMBERSHIPS).set(MEMBERSHIPS.ROLE, "OWNER").where(MEMBERSHIPS.USER_ID.eq(bobsMember)).execute()
                        + dsl.deleteFrom(API_KEYS).where(API_KEYS.ID.eq(bobsKey)).execute()
                        + dsl.update(USERS).set(USERS.NAME, "hijacked").where(USERS.ID.eq(bob.userId())).execute());

        assertThat(changed).isZero();
        assertThat(bob.get("/api/v1/users/" + bobsMember).json().path("role").asString()).isEqualTo("AGENT");
    }

    @Test
    void aTransactionWithoutATenantSeesNoTenantRowsAtAll() {
        int visible = transactions.inTenant(UUID.randomUUID(), () -> dsl.fetchCount(TENANTS) + dsl.fetchCount(MEMBERSHIPS));
        Object role = transactions.inTenant(UUID.randomUUID(), () -> dsl.fetchValue("select current_user"));

        assertThat(visible).isZero();
        assertThat(role).isEqualTo("conversa_tenant");
    }

    private ApiClient.Response call(String method, String path) {
        return switch (method) {
            case "GET" -> alice.get(path);
            case "PATCH" -> alice.patch(path, Map.of("role", "ADMIN"));
            default -> alice.delete(path);
        };
    }
}
