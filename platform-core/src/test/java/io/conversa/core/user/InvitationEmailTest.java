package io.conversa.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The invitation link goes by email through a real SMTP server (GreenMail on a local port). */
@ApiTest
class InvitationEmailTest {

    static final GreenMail SMTP = started();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("conversa.modules.email.host", () -> "127.0.0.1");
        registry.add("conversa.modules.email.port", () -> SMTP.getSmtp().getPort());
        registry.add("conversa.modules.email.from", () -> "conversa@example.com");
        registry.add("conversa.modules.email.start-tls", () -> "false");
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void theLinkGoesByEmailAndIsNotShown() throws Exception {
        ApiClient.Session owner = new ApiClient(port).signup("Mailing shop");
        String email = "builder-" + UUID.randomUUID() + "@example.com";

        var sent = owner.post("/api/v1/invitations", Map.of("email", email, "name", "Bia", "role", "BUILDER")).json();

        assertThat(sent.path("emailed").asBoolean()).isTrue();
        assertThat(sent.path("link").isNull()).isTrue();
        List<MimeMessage> received = to(email);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getSubject()).isEqualTo("You are invited to Mailing shop on Conversa");
        assertThat(GreenMailUtil.getBody(received.getFirst())).contains("as builder", "/invitation/", "for 7 days");
    }

    @Test
    void theEmailIsInTheInvitersLanguage() throws Exception {
        ApiClient api = new ApiClient(port);
        ApiClient.Session owner = api.signup("Loja " + UUID.randomUUID().toString().substring(0, 4));
        String email = "agente-" + UUID.randomUUID() + "@example.com";

        api.post("/api/v1/invitations", Map.of("email", email, "name", "Ana", "role", "AGENT"), "Authorization", owner.auth()[1],
                "Accept-Language", "pt-BR");

        MimeMessage received = to(email).getFirst();
        assertThat(received.getSubject()).startsWith("Convite para Loja ");
        assertThat(GreenMailUtil.getBody(received)).contains("como atendente", "por 7 dias");
    }

    private static List<MimeMessage> to(String email) throws Exception {
        List<MimeMessage> messages = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(email)) {
                messages.add(message);
            }
        }
        return messages;
    }

    private static GreenMail started() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        return smtp;
    }
}
