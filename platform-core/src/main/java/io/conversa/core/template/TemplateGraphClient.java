package io.conversa.core.template;

import io.conversa.core.channel.whatsapp.BusinessAccount;
import io.conversa.core.web.Problems;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Graph API's {@code /{waba-id}/message_templates}: list (every page), create, delete by name.
 * Meta's refusals become problems that quote Meta's message.
 */
@Component
class TemplateGraphClient {

    private static final TypeReference<List<Map<String, Object>>> COMPONENTS = new TypeReference<>() {
    };

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json;

    TemplateGraphClient(JsonMapper json) {
        this.json = json;
    }

    List<GraphTemplate> list(BusinessAccount account) {
        List<GraphTemplate> templates = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = call(account, "GET", "?limit=100" + (after == null ? "" : "&after=" + encode(after)), null);
            for (JsonNode t : page.path("data")) {
                templates.add(new GraphTemplate(t.path("id").asString(), t.path("name").asString(), t.path("language").asString(),
                        t.path("category").asString(""), t.path("status").asString(""),
                        json.convertValue(t.path("components"), COMPONENTS)));
            }
            after = page.path("paging").has("next") ? page.path("paging").path("cursors").path("after").asString(null) : null;
        } while (after != null);
        return templates;
    }

    /** Submits a template for review; Meta answers its id and status (PENDING, or at once APPROVED/REJECTED). */
    GraphTemplate create(BusinessAccount account, NewTemplate template) {
        JsonNode created = call(account, "POST", "", Map.of("name", template.name(), "language", template.language(),
                "category", template.category(), "components", template.components()));
        return new GraphTemplate(created.path("id").asString(), template.name(), template.language(),
                created.path("category").asString(template.category()), created.path("status").asString("PENDING"),
                template.components());
    }

    void delete(BusinessAccount account, String name) {
        call(account, "DELETE", "?name=" + encode(name), null);
    }

    private JsonNode call(BusinessAccount account, String method, String query, Object body) {
        URI uri = URI.create(account.graphApiUrl() + "/" + account.graphApiVersion() + "/" + encode(account.wabaId())
                + "/message_templates" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + account.accessToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw Problems.problem(HttpStatus.BAD_GATEWAY, "graph.unreachable", account.graphApiUrl(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "graph.interrupted");
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JacksonException e) {
            answer = json.createObjectNode();
        }
        if (response.statusCode() / 100 != 2) {
            throw refusal(response.statusCode(), answer.path("error"));
        }
        return answer;
    }

    private static ErrorResponseException refusal(int status, JsonNode error) {
        int code = error.path("code").asInt(0);
        String message = error.path("error_user_msg").asString(error.path("message").asString("no message"));
        String details = error.path("error_data").path("details").asString(null);
        String said = message + (details == null ? "" : " — " + details);
        ErrorResponseException problem = code == 190 || status == 401
                ? Problems.problem(HttpStatus.BAD_GATEWAY, "graph.token-expired", status, code, said)
                : Problems.problem(status / 100 == 4 ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_GATEWAY, "graph.refused", status, code, said);
        problem.getBody().setProperty("graphApiCode", code);
        return problem;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
