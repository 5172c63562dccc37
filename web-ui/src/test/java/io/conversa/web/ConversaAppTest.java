package io.conversa.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The whole application on a random port, with a throw-away embedded PostgreSQL and the demo tenant. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ConversaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"conversa.embedded-database.data-directory=", "conversa.demo.enabled=true",
                "conversa.security.master-key=Y29udmVyc2EtdGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGU=",
                // Webhook subscriptions to this machine, for tests.
                "conversa.webhooks.allow-private-addresses=true"})
@interface ConversaAppTest {
}
