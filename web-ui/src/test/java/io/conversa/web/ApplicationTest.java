package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The assembled application: the UI's session chain and the API's stateless chain side by side. */
@ConversaAppTest
class ApplicationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theUiSendsStrangersToTheLoginPage() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/flows")).GET());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(send(HttpRequest.newBuilder(uri("/login")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void theDemoOwnerCanUseTheApi() throws Exception {
        var login = send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"demo@conversa.local\",\"password\":\"conversa-demo\"}")));
        assertThat(login.statusCode()).isEqualTo(200);
        String token = login.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");

        var me = send(HttpRequest.newBuilder(uri("/api/v1/me")).header("Authorization", "Bearer " + token).GET());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"name\":\"Demo Company\"").contains("\"role\":\"OWNER\"");
    }

    @Test
    void theApiAnswersProblemsNotLoginPages() throws Exception {
        var anonymous = send(HttpRequest.newBuilder(uri("/api/v1/users")).GET());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void healthIsPublic() throws Exception {
        var health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"db\":{\"status\":\"UP\"}");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
