package io.conversa.core.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Where most API tests start: before each test, a new tenant whose owner connected a number of
 * this application's Cloud API simulator (its webhooks come back to the channel).
 */
public abstract class SimulatedTenantTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected DSLContext dsl;

    protected ApiClient api;
    protected ApiClient.Session owner;
    protected String number;
    protected JsonNode connected;
    protected String channel;

    @BeforeEach
    void signUpWithASimulatedNumber() {
        api = new ApiClient(port);
        owner = api.signup(getClass().getSimpleName() + " " + UUID.randomUUID());
        number = String.valueOf(200_000_000_000L + ThreadLocalRandom.current().nextLong(700_000_000_000L));
        connected = owner.connectSimulatedNumber(number, "secret-" + UUID.randomUUID());
        channel = connected.path("id").asString();
    }
}
