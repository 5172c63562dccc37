package io.conversa.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A defect answers 500 as a problem with a correlation id that is in the log, never a misleading status. */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedFailureTest {

    @LocalServerPort
    int port;

    ApiClient.Session owner;

    @BeforeEach
    void setUp() {
        owner = new ApiClient(port).signup("Defects");
    }

    @Test
    void aDefectInAControllerIsA500ProblemWhoseCorrelationIdIsLogged(CapturedOutput log) {
        var response = owner.get(Failures.IN_CONTROLLER);

        assertUnexpected(response, log);
        assertThat(log.getOut()).contains("NullPointerException");
    }

    @Test
    void aDefectInAFilterIsA500ProblemWhoseCorrelationIdIsLogged(CapturedOutput log) {
        var response = owner.get(Failures.IN_FILTER);

        assertUnexpected(response, log);
        assertThat(log.getOut()).contains("a filter's defect");
    }

    @Test
    void aCallersCorrelationIdIsKeptAndAnUnsafeOneReplaced() {
        var kept = owner.client().get("/api/v1/me", "Authorization", "Bearer " + owner.token(), "X-Correlation-Id", "crm-42.a_b");
        var replaced = owner.client().get("/api/v1/me", "Authorization", "Bearer " + owner.token(),
                "X-Correlation-Id", "bad id\twith spaces");

        assertThat(kept.raw().headers().firstValue("X-Correlation-Id")).hasValue("crm-42.a_b");
        assertThat(replaced.raw().headers().firstValue("X-Correlation-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    }

    private static void assertUnexpected(ApiClient.Response response, CapturedOutput log) {
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        String id = response.json().path("correlationId").asString();
        assertThat(id).isNotBlank();
        assertThat(response.raw().headers().firstValue("X-Correlation-Id")).hasValue(id);
        assertThat(response.json().path("detail").asString()).contains(id);
        assertThat(log.getOut()).contains("correlation id " + id);
    }
}
