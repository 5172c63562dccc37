package io.conversa.modules.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.conversa.sdk.ModuleResult;
import io.conversa.sdk.testkit.ModuleTestKit;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The email module against a real SMTP server on a local port (GreenMail). */
class EmailModuleTest {

    GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private ModuleTestKit kit(String host, int port) {
        return new ModuleTestKit(new EmailModule(new EmailSettings(host, port, null, null, "bot@pizza.example",
                false, Duration.ofSeconds(5))));
    }

    private ModuleTestKit kit() {
        return kit("127.0.0.1", smtp.getSmtp().getPort());
    }

    @Test
    void sendsAPlainTextEmail() throws Exception {
        ModuleResult result = kit().execute(Map.of("to", "kitchen@pizza.example, Boss <boss@pizza.example>",
                "subject", "Order A-17 für Ada", "text", "2x Margherita\n1x Tiramisu", "replyTo", "ada@example.com"));

        assertThat(result).isInstanceOfSatisfying(ModuleResult.Success.class, s -> assertThat(((Map<?, ?>) s.output()).get("to"))
                .isEqualTo(java.util.List.of("kitchen@pizza.example", "boss@pizza.example")));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("Order A-17 für Ada");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("bot@pizza.example");
        assertThat(received[0].getReplyTo()[0].toString()).isEqualTo("ada@example.com");
        assertThat(GreenMailUtil.getBody(received[0])).contains("2x Margherita");
    }

    @Test
    void badInputIsRefusedWithoutSending() {
        assertThat(kit().execute(Map.of("to", "not an address", "subject", "Hi", "text", "x")))
                .isInstanceOfSatisfying(ModuleResult.Failure.class, f -> assertThat(f.message()).contains("Not an email address"));
        assertThat(kit().execute(Map.of("to", "a@example.com", "subject", "Hi\r\nBcc: everyone@example.com", "text", "x")))
                .isInstanceOfSatisfying(ModuleResult.Failure.class, f -> assertThat(f.message()).contains("one line"));
        assertThat(kit().execute(Map.of("to", "a@example.com", "subject", "Hi", "text", " ")))
                .isInstanceOfSatisfying(ModuleResult.Failure.class, f -> assertThat(f.message()).contains("text"));
        assertThat(kit().execute(Map.of("to", "a@x.com,b@x.com,c@x.com,d@x.com,e@x.com,f@x.com,g@x.com,h@x.com,i@x.com,j@x.com,k@x.com",
                "subject", "Hi", "text", "x")))
                .isInstanceOfSatisfying(ModuleResult.Failure.class, f -> assertThat(f.message()).contains("1 to 10"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerOrNoSetupFailsTheCall() {
        int port = smtp.getSmtp().getPort();
        smtp.stop();

        assertThat(kit("127.0.0.1", port).execute(Map.of("to", "a@example.com", "subject", "Hi", "text", "x")))
                .isInstanceOfSatisfying(ModuleResult.Failure.class, f -> assertThat(f.message()).contains("could not be sent"));
        assertThat(kit(null, 0).execute(Map.of("to", "a@example.com", "subject", "Hi", "text", "x")))
                .isInstanceOfSatisfying(ModuleResult.Failure.class, f -> assertThat(f.message()).contains("not set up"));
    }
}
