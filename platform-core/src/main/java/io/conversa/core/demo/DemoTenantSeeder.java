package io.conversa.core.demo;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.db.Transactions;
import io.conversa.core.tenant.SignupRequest;
import io.conversa.core.tenant.SignupService;
import io.conversa.core.user.Emails;
import io.conversa.core.user.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Seeds the demo tenant once, and tells where to sign in on every start. */
@Component
@ConditionalOnBooleanProperty("conversa.demo.enabled")
@EnableConfigurationProperties(DemoProperties.class)
class DemoTenantSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoTenantSeeder.class);

    private final DemoProperties demo;
    private final SignupService signupService;
    private final Transactions transactions;
    private final UserRepository users;
    private final Environment environment;

    DemoTenantSeeder(DemoProperties demo, SignupService signupService, Transactions transactions, UserRepository users,
            Environment environment) {
        this.demo = demo;
        this.signupService = signupService;
        this.transactions = transactions;
        this.users = users;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedAndAnnounce() {
        boolean exists = transactions.asSystem(() -> users.findAccountByEmail(Emails.normalize(demo.email())).isPresent());
        if (!exists) {
            signupService.signup(new SignupRequest(demo.tenantName(), demo.name(), demo.email(), demo.password()),
                    new ClientInfo("127.0.0.1", "conversa-demo-seeder"));
            log.info("Seeded the demo tenant '{}'", demo.tenantName());
        }
        String port = environment.getProperty("local.server.port", "8080");
        log.info("""

                ----------------------------------------------------------
                  Conversa is running at http://localhost:{}/
                  Demo login: {} / {}
                ----------------------------------------------------------""", port, demo.email(), demo.password());
    }
}
