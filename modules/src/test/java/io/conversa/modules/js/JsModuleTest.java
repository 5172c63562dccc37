package io.conversa.modules.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.conversa.sdk.Capability;
import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import io.conversa.sdk.testkit.ModuleTestKit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A JavaScript module runs through the SDK's test kit like a Java one, with the same capabilities. */
class JsModuleTest {

    private static final JsSandbox SANDBOX = new JsSandbox(JsLimits.defaults());
    private static HttpServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] body = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"auth\":\""
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\",\"got\":"
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        SANDBOX.close();
    }

    private static ModuleManifest manifest(List<Capability> capabilities) {
        return new ModuleManifest("acme.echo", "Echo", "1.0.0", "Echoes", "Acme", null, null,
                List.of(new ModuleManifest.SecretSpec("token", "API token", null)), null, capabilities);
    }

    private static final String ECHO = """
            function execute(input, context) {
              context.log.info('posting ' + input.name);
              const response = context.http.fetch({
                method: 'POST', url: input.url,
                headers: { Authorization: 'Bearer ' + context.secret('token') },
                body: { name: input.name }
              });
              const calls = Number(context.store.get('calls') || 0) + 1;
              context.store.put('calls', calls);
              return { status: response.status, echo: JSON.parse(response.body), calls };
            }
            """;

    @Test
    void usesHttpSecretsStoreAndLogThroughTheContext() {
        var module = new JsModule(SANDBOX, "tenant-a/acme.echo@1.0.0",
                manifest(List.of(new Capability.Http(List.of("127.0.0.1")), new Capability.KeyValueStore())), ECHO);
        var kit = new ModuleTestKit(module).secret("token", "t-123");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/echo";

        ModuleResult first = kit.execute(Map.of("url", url, "name", "Ada"));
        ModuleResult second = kit.execute(Map.of("url", url, "name", "Bob"));

        assertThat(first).isEqualTo(ModuleResult.success(Map.of("status", 200, "calls", 1,
                "echo", Map.of("method", "POST", "auth", "Bearer t-123", "got", Map.of("name", "Ada")))));
        assertThat(second).isInstanceOfSatisfying(ModuleResult.Success.class,
                s -> assertThat(((Map<?, ?>) s.output()).get("calls")).isEqualTo(2));
        assertThat(kit.logs()).containsExactly("INFO posting Ada", "INFO posting Bob");
        assertThat(kit.store()).containsEntry("calls", "2");
    }

    @Test
    void capabilitiesNotInTheManifestAreRefusedInsideTheScript() {
        String source = """
                function execute(input, context) {
                  const refused = [];
                  try { context.http.fetch({ url: input.url }); } catch (e) { refused.push(e.message); }
                  try { context.store.put('k', 'v'); } catch (e) { refused.push(e.message); }
                  refused.push(context.secret('undeclared'));
                  return refused;
                }
                """;
        var module = new JsModule(SANDBOX, "tenant-a/acme.bare@1.0.0", manifest(List.of()), source);

        ModuleResult result = new ModuleTestKit(module).execute(Map.of("url", "http://127.0.0.1:1/"));

        assertThat(result).isInstanceOfSatisfying(ModuleResult.Success.class, s -> assertThat((List<?>) s.output())
                .satisfiesExactly(
                        http -> assertThat((String) http).contains("http capability"),
                        store -> assertThat((String) store).contains("keyValueStore capability"),
                        secret -> assertThat(secret).isNull()));
    }

    @Test
    void aHostOutsideTheAllowListIsRefused() {
        var module = new JsModule(SANDBOX, "tenant-a/acme.echo@1.0.0",
                manifest(List.of(new Capability.Http(List.of("api.example.com")), new Capability.KeyValueStore())), ECHO);

        ModuleResult result = new ModuleTestKit(module).execute(Map.of("url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/echo", "name", "Ada"));

        assertThat(result).isInstanceOfSatisfying(ModuleResult.Failure.class,
                f -> assertThat(f.message()).contains("127.0.0.1").contains("not"));
    }

    @Test
    void aBrokenLimitBecomesAFailureResult() {
        var module = new JsModule(SANDBOX, "tenant-a/acme.spin@1.0.0", manifest(List.of()),
                "function execute() { for (;;) {} }");

        ModuleResult result = new ModuleTestKit(module).timeout(Duration.ofMillis(300)).execute(Map.of());

        assertThat(result).isInstanceOfSatisfying(ModuleResult.Failure.class,
                f -> assertThat(f.message()).containsAnyOf("time limit", "statements"));
    }
}
