package io.conversa.modules.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.conversa.modules.js.JsLimits;
import io.conversa.modules.js.JsSandbox;
import io.conversa.sdk.EditableContact;
import io.conversa.sdk.ModuleException;
import io.conversa.sdk.ModuleResult;
import io.conversa.sdk.testkit.ModuleTestKit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BuiltinModulesTest {

    private static final JsSandbox SANDBOX = new JsSandbox(JsLimits.defaults());
    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", exchange -> {
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean missing = exchange.getRequestURI().getPath().endsWith("/404");
            byte[] body = (missing ? "{\"error\":\"no such order\"}"
                    : "{\"data\":{\"items\":[{\"id\":\"A-17\",\"name\":\"Margherita\"}]},\"method\":\""
                    + exchange.getRequestMethod() + "\",\"key\":\"" + exchange.getRequestHeaders().getFirst("X-Key")
                    + "\",\"sent\":" + (sent.isEmpty() ? "null" : sent) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(missing ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        SANDBOX.close();
    }

    @Test
    void httpRequestSendsTheRequestAndMapsTheAnswer() {
        var kit = new ModuleTestKit(new HttpRequestModule()).allowPrivateNetworks();

        ModuleResult result = kit.execute(Map.of("method", "post", "url", base + "/orders",
                "headers", Map.of("X-Key", "k1"), "body", "{\"phone\":\"+4915112345678\"}",
                "responseMapping", Map.of("orderId", "data.items.0.id", "absent", "data.nothing")));

        assertThat(result).isInstanceOfSatisfying(ModuleResult.Success.class, success -> {
            Map<?, ?> output = (Map<?, ?>) success.output();
            assertThat(output.get("status")).isEqualTo(200);
            assertThat(output.get("ok")).isEqualTo(true);
            assertThat(output.get("orderId")).isEqualTo("A-17");
            assertThat(output.containsKey("absent")).isTrue();
            assertThat(output.get("absent")).isNull();
            assertThat(output.get("body")).isEqualTo(Map.of("method", "POST", "key", "k1",
                    "sent", Map.of("phone", "+4915112345678"),
                    "data", Map.of("items", List.of(Map.of("id", "A-17", "name", "Margherita")))));
        });
    }

    @Test
    void httpRequestFailsOnAnErrorStatusUnlessToldNotTo() {
        var kit = new ModuleTestKit(new HttpRequestModule()).allowPrivateNetworks();

        assertThat(kit.execute(Map.of("url", base + "/orders/404")))
                .isEqualTo(ModuleResult.failure("HTTP 404 from " + base + "/orders/404: {\"error\":\"no such order\"}"));
        assertThat(kit.execute(Map.of("url", base + "/orders/404", "failOnErrorStatus", false)))
                .isInstanceOfSatisfying(ModuleResult.Success.class,
                        s -> assertThat(((Map<?, ?>) s.output()).get("ok")).isEqualTo(false));
        assertThat(kit.execute(Map.of("url", base + "/orders", "responseMapping", Map.of("status", "data"))))
                .isInstanceOfSatisfying(ModuleResult.Failure.class, f -> assertThat(f.message()).contains("status"));
        assertThat(kit.execute(Map.of())).isEqualTo(ModuleResult.failure("url is required."));
    }

    @Test
    void httpRequestHonoursItsTimeoutAndRefusesPrivateAddressesInProduction() {
        var local = new ModuleTestKit(new HttpRequestModule()).allowPrivateNetworks();
        assertThatThrownBy(() -> local.execute(Map.of("url", base + "/slow", "timeoutSeconds", 1)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("no answer within 1000 ms");

        assertThatThrownBy(() -> new ModuleTestKit(new HttpRequestModule()).execute(Map.of("url", base + "/orders")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("private address");
    }

    @Test
    void jsonTransformEvaluatesItsExpressionOverData() {
        var kit = new ModuleTestKit(new JsonTransformModule(SANDBOX));
        Map<String, Object> input = new HashMap<>();
        input.put("data", Map.of("items", List.of(Map.of("name", "Margherita", "price", 9), Map.of("name", "Diavola", "price", 11))));
        input.put("expression", "({ names: data.items.map(i => i.name).join(', '), total: data.items.reduce((s, i) => s + i.price, 0) })");

        assertThat(kit.execute(input)).isEqualTo(ModuleResult.success(Map.of("names", "Margherita, Diavola", "total", 20)));
        assertThat(kit.execute(Map.of("expression", "data.nope.deeper"))).isInstanceOfSatisfying(ModuleResult.Failure.class,
                f -> assertThat(f.message()).contains("TypeError"));
        assertThat(kit.execute(Map.of("expression", "data +"))).isInstanceOfSatisfying(ModuleResult.Failure.class,
                f -> assertThat(f.message()).contains("syntax error"));
    }

    @Test
    void theCodeNodeRunsAFunctionBodyAndLogs() {
        var kit = new ModuleTestKit(new JavaScriptModule(SANDBOX));

        ModuleResult result = kit.execute(Map.of("input", Map.of("items", List.of(1, 2, 3, 4)),
                "code", "context.log.info('counting'); return input.items.length > 3 ? 'big' : 'small';"));

        assertThat(result).isEqualTo(ModuleResult.success("big"));
        assertThat(kit.logs()).containsExactly("INFO counting");
        assertThat(kit.execute(Map.of("code", "return context.http.fetch({url: 'https://example.com'});")))
                .isInstanceOfSatisfying(ModuleResult.Failure.class, f -> assertThat(f.message()).contains("http capability"));
    }

    @Test
    void contactTagsAndAttributesChangeTheContact() {
        var kit = new ModuleTestKit(new ContactModule())
                .contact(new EditableContact("4915112345678", "Ada", Set.of("lead"), Map.of("plan", "free")));
        Map<String, Object> input = new HashMap<>();
        input.put("addTags", "vip, pizza-lover");
        input.put("removeTags", List.of("lead"));
        input.put("setAttributes", new HashMap<>(Map.of("plan", "gold", "city", "Berlin")));

        ModuleResult result = kit.execute(input);

        assertThat(result).isEqualTo(ModuleResult.success(Map.of("tags", List.of("vip", "pizza-lover"),
                "attributes", Map.of("plan", "gold", "city", "Berlin"))));
        assertThat(kit.contact().changed()).isTrue();
        assertThatThrownBy(() -> kit.execute(Map.of("addTags", List.of("x".repeat(65)))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("at most 64");
    }

    @Test
    void everyBuiltInHasAValidManifest() {
        assertThat(BuiltinModules.all(SANDBOX, new EmailSettings(null, 0, null, null, null, false, Duration.ofSeconds(1))))
                .extracting(m -> m.manifest().id())
                .containsExactly("conversa.http-request", "conversa.json-transform", "conversa.javascript", "conversa.contact",
                        "conversa.email");
    }
}
