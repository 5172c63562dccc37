package io.conversa.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The simulator as a process of its own: Conversa talks to it only over HTTP, as it would to Meta. */
@ApiTest
class StandaloneSimulatorTest {

    @LocalServerPort
    int port;

    @Test
    void aConversationRunsAgainstTheStandaloneSimulator() {
        try (var simulator = CloudApiSimulatorApplication.start("--server.port=0")) {
            int simulatorPort = ((WebServerApplicationContext) simulator).getWebServer().getPort();
            ApiClient conversa = new ApiClient(port);
            ApiClient meta = new ApiClient(simulatorPort);
            var owner = conversa.signup("Standalone");
            String number = String.valueOf(500_000_000_000L + (long) (Math.random() * 100_000_000_000L));
            var channel = owner.connectSimulatedChannel(number, "standalone-secret", "http://localhost:" + simulatorPort);
            String flow = owner.post("/api/v1/flows", """
                    {"name": "Hello", "start": "hi", "nodes": [
                      {"id": "hi", "type": "message", "data": {"message": {"type": "text", "body": "Hello {{contact.name}}"}}}],
                     "triggers": {"defaultFlow": true}}
                    """).json().path("flow").path("id").asString();
            owner.post("/api/v1/flows/" + flow + "/publish", "");
            meta.send(HttpRequest.newBuilder(URI.create("http://localhost:" + simulatorPort + "/simulator/numbers/" + number))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookUrl\": \"" + channel.path("webhookUrl").asString()
                            + "\", \"appSecret\": \"standalone-secret\"}"))
                    .header("Content-Type", "application/json"));

            var written = meta.post("/simulator/numbers/" + number + "/customer-messages",
                    Map.of("from", "4915100000031", "name", "Grace", "text", "hi"));
            assertThat(written.json().path("webhookStatus").asInt()).isEqualTo(200);

            await().until(() -> meta.get("/simulator/numbers/" + number + "/messages").json().size() == 1);
            assertThat(meta.get("/simulator/numbers/" + number + "/messages").json().get(0).path("text").path("body").asString())
                    .isEqualTo("Hello Grace");
            await().until(() -> meta.get("/simulator/numbers/" + number + "/read-receipts").json().size() == 1);
            assertThat(conversa.get("/simulator/numbers/" + number + "/messages").json().size())
                    .as("nothing reached the simulator inside Conversa").isZero();
        }
    }
}
