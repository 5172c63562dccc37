package io.conversa.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class ActuatorTest {

    @LocalServerPort
    int port;

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
    void theApiIsDescribedByOpenApi() {
        var docs = new ApiClient(port).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").propertyNames())
                .contains("/api/v1/signup", "/api/v1/auth/login", "/api/v1/me", "/api/v1/users", "/api/v1/api-keys");
    }
}
