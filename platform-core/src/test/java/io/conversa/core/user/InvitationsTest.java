package io.conversa.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.ErrorResponseException;

/** Inviting a member by a link shown once (no SMTP configured): accepted, refused, revoked. */
@ApiTest
class InvitationsTest {

    @LocalServerPort
    int port;

    @Autowired
    InvitationService invitations;

    ApiClient api;
    ApiClient.Session owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Invitations " + UUID.randomUUID());
    }

    @Test
    void theLinkIsShownOnceAndLetsTheInviteeSetAPasswordAndSignInWithTheRole() {
        String email = "agent-" + UUID.randomUUID() + "@example.com";
        var sent = owner.post("/api/v1/invitations", Map.of("email", email, "name", "Ana", "role", "AGENT"));

        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("emailed").asBoolean()).isFalse();
        String link = sent.json().path("link").asString();
        assertThat(link).startsWith("http://localhost:" + port + "/invitation/");
        assertThat(owner.get("/api/v1/invitations").json().findValuesAsString("email")).contains(email);
        String token = link.substring(link.lastIndexOf('/') + 1);

        PendingInvitation pending = invitations.find(token);
        assertThat(pending.email()).isEqualTo(email);
        assertThat(pending.role().name()).isEqualTo("AGENT");
        invitations.accept(token, "Ana Souza", "a long enough password", ClientInfo.SYSTEM);

        ApiClient.Session agent = api.login(email, "a long enough password");
        assertThat(agent.tenantId()).isEqualTo(owner.tenantId());
        assertThat(owner.get("/api/v1/users").json().findValuesAsString("role")).contains("AGENT");
        assertThat(owner.get("/api/v1/invitations").json().findValuesAsString("email")).doesNotContain(email);
        assertThatThrownBy(() -> invitations.accept(token, "Ana", "another long password", ClientInfo.SYSTEM))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(410);
                    assertThat(e.getBody().getDetail()).contains("already accepted");
                });
    }

    @Test
    void badInvitationsAndLinksAreRefusedWithTheReasonAndChangeNothing() {
        ApiClient.Session admin = owner.addMember("ADMIN");
        var ownerByAdmin = admin.post("/api/v1/invitations", Map.of("email", "boss-" + UUID.randomUUID() + "@example.com",
                "name", "Boss", "role", "OWNER"));
        assertThat(ownerByAdmin.status()).isEqualTo(403);
        var existing = owner.post("/api/v1/invitations", Map.of("email", owner.email(), "name", "Me", "role", "AGENT"));
        assertThat(existing.status()).isEqualTo(409);
        assertThat(existing.json().path("detail").asString()).contains("already exists");
        var notAnEmail = owner.post("/api/v1/invitations", Map.of("email", "nobody", "name", "X", "role", "AGENT"));
        assertThat(notAnEmail.status()).isEqualTo(400);
        assertThat(notAnEmail.body()).contains("email");
        assertThat(owner.get("/api/v1/invitations").json()).isEmpty();

        var sent = owner.post("/api/v1/invitations", Map.of("email", "later-" + UUID.randomUUID() + "@example.com",
                "name", "Later", "role", "BUILDER")).json();
        String token = sent.path("link").asString().replaceAll(".*/", "");
        assertThatThrownBy(() -> invitations.accept(token, "Later", "short", ClientInfo.SYSTEM))
                .hasMessageContaining("password");
        assertThat(owner.delete("/api/v1/invitations/" + sent.path("invitation").path("id").asString()).status()).isEqualTo(204);
        assertThatThrownBy(() -> invitations.find(token)).hasMessageContaining("withdrawn");
        assertThatThrownBy(() -> invitations.find("no-such-token")).hasMessageContaining("not valid");
    }
}
