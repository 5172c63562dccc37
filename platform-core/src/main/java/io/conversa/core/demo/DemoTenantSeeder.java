package io.conversa.core.demo;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.channel.whatsapp.Channel;
import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.channel.whatsapp.NewChannel;
import io.conversa.core.db.Transactions;
import io.conversa.core.flow.FlowDetail;
import io.conversa.core.flow.FlowService;
import io.conversa.core.security.Caller;
import io.conversa.core.security.MeService;
import io.conversa.core.simulator.SimulatedChannels;
import io.conversa.core.tenant.Role;
import io.conversa.core.tenant.SignupRequest;
import io.conversa.core.tenant.SignupResult;
import io.conversa.core.tenant.SignupService;
import io.conversa.core.user.Emails;
import io.conversa.core.user.Membership;
import io.conversa.core.user.UserRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo tenant once (its owner, a WhatsApp number on the Cloud API simulator, the
 * pizza flow, published, in English or Portuguese), and on every start connects the simulator to it and says how to chat.
 */
@Component
@ConditionalOnBooleanProperty("conversa.demo.enabled")
@EnableConfigurationProperties(DemoProperties.class)
class DemoTenantSeeder {

    static final String DEMO_PHONE_NUMBER_ID = "100000000000001";
    static final String DEMO_APP_SECRET = "conversa-demo-app-secret";

    private static final Logger log = LoggerFactory.getLogger(DemoTenantSeeder.class);
    private static final ClientInfo SEEDER = new ClientInfo("127.0.0.1", "conversa-demo-seeder");

    private final DemoProperties demo;
    private final SignupService signupService;
    private final ChannelService channels;
    private final FlowService flows;
    private final Transactions transactions;
    private final UserRepository users;
    private final ObjectProvider<SimulatedChannels> simulator;
    private final Environment environment;
    private final MeService me;

    DemoTenantSeeder(DemoProperties demo, SignupService signupService, ChannelService channels, FlowService flows,
            Transactions transactions, UserRepository users, ObjectProvider<SimulatedChannels> simulator,
            Environment environment, MeService me) {
        this.me = me;
        this.demo = demo;
        this.signupService = signupService;
        this.channels = channels;
        this.flows = flows;
        this.transactions = transactions;
        this.users = users;
        this.simulator = simulator;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedAndAnnounce() {
        String baseUrl = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        Caller owner = transactions.asSystem(() -> users.findAccountByEmail(Emails.normalize(demo.email()))
                .map(account -> {
                    List<Membership> memberships = users.membershipsOf(account.id());
                    return memberships.isEmpty() ? null
                            : Caller.member(memberships.getFirst().tenantId(), account.id(), memberships.getFirst().role());
                }))
                .orElseGet(() -> seed(baseUrl));
        String chat = "";
        SimulatedChannels simulated = simulator.getIfAvailable();
        if (owner != null && simulated != null) {
            channels.list(owner, baseUrl).stream().filter(c -> c.phoneNumberId().equals(DEMO_PHONE_NUMBER_ID)).findFirst()
                    .ifPresent(channel -> simulated.attach(owner, channel, SEEDER));
            chat = """

                      Chat with the demo bot through the Cloud API simulator:
                        curl -s %1$s/simulator/numbers/%2$s/customer-messages -H 'Content-Type: application/json' \\
                             -d '{"from": "4915112345678", "name": "Ada", "text": "pizza"}'
                        curl -s %1$s/simulator/numbers/%2$s/messages""".formatted(baseUrl, DEMO_PHONE_NUMBER_ID)
                    .indent(2).stripTrailing();
        }
        log.info("""

                ----------------------------------------------------------
                  Conversa is running at {}/
                  Demo login: {} / {}{}
                ----------------------------------------------------------""", baseUrl, demo.email(), demo.password(), chat);
    }

    private Caller seed(String baseUrl) {
        if (!MeService.LANGUAGES.contains(demo.language())) {
            throw new IllegalStateException("conversa.demo.language must be one of " + MeService.LANGUAGES + ", not " + demo.language());
        }
        SignupResult signup = signupService.signup(
                new SignupRequest(demo.tenantName(), demo.name(), demo.email(), demo.password()), SEEDER);
        Caller owner = Caller.member(signup.tenant().id(), signup.user().id(), Role.OWNER);
        Channel channel = channels.create(owner, new NewChannel("Demo number (simulated)", DEMO_PHONE_NUMBER_ID,
                "100000000000002", "+1 555 010 0001", null, "demo-access-token", DEMO_APP_SECRET, "demo-verify-token",
                baseUrl + "/simulator/graph", null, null, null), baseUrl, SEEDER);
        if (!"en".equals(demo.language())) {
            // English is the default: an English demo owner's console follows their browser.
            me.setLanguage(owner, demo.language());
        }
        FlowDetail flow = flows.create(owner, sampleFlow(demo.language()));
        flows.publish(owner, flow.flow().id());
        log.info("Seeded the demo tenant '{}' with the number {} and the flow '{}'", demo.tenantName(),
                channel.displayPhoneNumber(), flow.flow().name());
        return owner;
    }

    /** The pizza flow in the language ({@code pizza-order.json} is English, the others carry their language tag). */
    static tools.jackson.databind.JsonNode sampleFlow(String language) {
        String file = "en".equals(language) ? "pizza-order.json" : "pizza-order." + language + ".json";
        try (InputStream json = DemoTenantSeeder.class.getResourceAsStream(file)) {
            return JsonMapper.builder().build().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
