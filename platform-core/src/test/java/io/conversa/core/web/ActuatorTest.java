package io.conversa.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

@ApiTest
class ActuatorTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void healthIsUpWithTheDatabase() {
        var health = new ApiClient(port).get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusServesMetrics() {
        var metrics = new ApiClient(port).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void everyEndpointIsDescribedByOpenApiAndTheMainRequestsHaveExamples() {
        var docs = new ApiClient(port).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        Set<String> served = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream()).filter(path -> path.startsWith("/api/v1/"))
                .collect(Collectors.toSet());
        assertThat(served).hasSizeGreaterThan(50);
        assertThat(paths.propertyNames()).containsAll(served);
        assertThat(docs.json().path("components").path("securitySchemes").propertyNames()).contains("bearer", "apiKey");

        assertThat(paths.path("/api/v1/messages").path("post").path("requestBody").path("content").path("application/json")
                .path("examples").propertyNames()).contains("text", "template");
        JsonNode schemas = docs.json().path("components").path("schemas");
        for (String schema : List.of("NewContact", "StartRequest", "NewTemplate", "NewApiKey", "NewWebhookSubscription")) {
            assertThat(schemas.path(schema).path("properties").valueStream().filter(p -> p.has("example")).count())
                    .as(schema + " has examples").isPositive();
        }
    }
}
