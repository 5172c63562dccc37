package io.conversa.core.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running API over real HTTP, as a tenant's developer would. */
public class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), headers);
    }

    public Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), headers);
    }

    public Response post(String path, Object body, String... headers) {
        return sendBody("POST", path, body, headers);
    }

    public Response patch(String path, Object body, String... headers) {
        return sendBody("PATCH", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return sendBody("PUT", path, body, headers);
    }

    /** A body in another format than JSON, such as a CSV file. */
    public Response postText(String path, String contentType, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType), headers);
    }

    /** A body that is a String is sent as it is, so tests can send broken JSON. */
    private Response sendBody(String method, String path, Object body, String... headers) {
        String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, HttpRequest.BodyPublishers.ofString(text))
                .header("Content-Type", "application/json"), headers);
    }

    public Response send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs up a new tenant with a unique owner and returns the owner's session. */
    public Session signup(String tenantName) {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        Response signup = post("/api/v1/signup", Map.of("tenantName", tenantName, "name", "Owner of " + tenantName,
                "email", email, "password", "correct horse battery"));
        if (signup.status() != 201) {
            throw new IllegalStateException("signup failed: " + signup.body());
        }
        Session owner = login(email, "correct horse battery");
        return new Session(this, UUID.fromString(signup.json().path("tenant").path("id").asString()),
                UUID.fromString(signup.json().path("user").path("id").asString()), email, owner.token());
    }

    public Session login(String email, String password) {
        Response login = post("/api/v1/auth/login", Map.of("email", email, "password", password));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login.body());
        }
        String token = login.json().path("accessToken").asString();
        JsonNode me = get("/api/v1/me", "Authorization", "Bearer " + token).json();
        return new Session(this, UUID.fromString(me.path("tenant").path("id").asString()),
                UUID.fromString(me.path("user").path("id").asString()), email, token);
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }
    }

    /** A signed-in member: its tenant, user id and bearer token. */
    public record Session(ApiClient client, UUID tenantId, UUID userId, String email, String token) {

        public String[] auth() {
            return new String[] {"Authorization", "Bearer " + token};
        }

        public Response get(String path) {
            return client.get(path, auth());
        }

        public Response post(String path, Object body) {
            return client.post(path, body, auth());
        }

        public Response patch(String path, Object body) {
            return client.patch(path, body, auth());
        }

        public Response put(String path, Object body) {
            return client.put(path, body, auth());
        }

        /** Adds a member with this role and signs them in. */
        public Session addMember(String role) {
            String email = role.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID() + "@example.com";
            Response added = post("/api/v1/users", Map.of("email", email, "name", "A " + role,
                    "password", "long enough password", "role", role));
            if (added.status() != 201) {
                throw new IllegalStateException("adding a member failed: " + added.body());
            }
            return client.login(email, "long enough password");
        }

        public Response delete(String path) {
            return client.delete(path, auth());
        }

        /** Connects a WhatsApp number with the given app secret; returns the channel's id. */
        public UUID connectChannel(String phoneNumberId, String appSecret) {
            Response created = post("/api/v1/channels", Map.of("name", "Number " + phoneNumberId,
                    "phoneNumberId", phoneNumberId, "wabaId", "102290129340398", "accessToken", "EAAG-test-token",
                    "appSecret", appSecret, "verifyToken", "verify-me"));
            if (created.status() != 201) {
                throw new IllegalStateException("connecting a channel failed: " + created.body());
            }
            return UUID.fromString(created.json().path("id").asString());
        }

        /**
         * Connects a number on this application's Cloud API simulator and points the simulated
         * number's webhooks back at the channel: a customer can write at once. Returns the channel.
         */
        public JsonNode connectSimulatedNumber(String phoneNumberId, String appSecret) {
            JsonNode channel = connectSimulatedChannel(phoneNumberId, appSecret);
            client.put("/simulator/numbers/" + phoneNumberId, Map.of("webhookUrl", channel.path("webhookUrl").asString(),
                    "appSecret", appSecret, "wabaId", channel.path("wabaId").asString()));
            return channel;
        }

        /** Connects a number whose Graph API is this application's Cloud API simulator; returns the channel. */
        public JsonNode connectSimulatedChannel(String phoneNumberId, String appSecret) {
            return connectSimulatedChannel(phoneNumberId, appSecret, client.baseUrl);
        }

        /** Connects a number whose Graph API is the Cloud API simulator at this base URL; returns the channel. */
        public JsonNode connectSimulatedChannel(String phoneNumberId, String appSecret, String simulatorBaseUrl) {
            Response created = post("/api/v1/channels", Map.of("name", "Simulated " + phoneNumberId,
                    "phoneNumberId", phoneNumberId, "wabaId", "102290129340398", "accessToken", "EAAG-simulated",
                    "appSecret", appSecret, "verifyToken", "verify-me", "graphApiUrl", simulatorBaseUrl + "/simulator/graph"));
            if (created.status() != 201) {
                throw new IllegalStateException("connecting a channel failed: " + created.body());
            }
            return created.json();
        }

        public UUID connectChannel() {
            return connectChannel(String.valueOf(100_000_000_000L + (long) (Math.random() * 800_000_000_000L)), "app-secret");
        }
    }
}
