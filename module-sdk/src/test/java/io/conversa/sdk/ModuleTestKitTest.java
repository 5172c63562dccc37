package io.conversa.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.conversa.sdk.testkit.ModuleTestKit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A module an author would write, tested with the kit: real HTTP, the store, secrets, capabilities. */
class ModuleTestKitTest {

    HttpServer crm;

    @BeforeEach
    void startCrm() throws IOException {
        crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/customers", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] body = ("{\"tier\": \"gold\", \"auth\": \"" + auth + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        crm.start();
    }

    @AfterEach
    void stopCrm() {
        crm.stop(0);
    }

    /** Looks a customer up in a CRM and counts lookups in the store. */
    record CrmLookup(List<Capability> capabilities) implements ActionModule {

        @Override
        public ModuleManifest manifest() {
            return new ModuleManifest("acme.crm-lookup", "CRM lookup", "1.0.0", "Finds the customer's tier", "Acme", null,
                    Map.of("type", "object", "required", List.of("url")), List.of(new ModuleManifest.SecretSpec("apiKey", "API key", null)),
                    Map.of("type", "object"), capabilities);
        }

        @Override
        public ModuleResult execute(ModuleContext context, Map<String, Object> input) {
            ModuleHttp http = context.http().orElseThrow(() -> new ModuleException("HTTP not granted"));
            String key = context.secret("apiKey").orElse("none");
            ModuleHttp.Response response = http.send(new ModuleHttp.Request("GET", (String) input.get("url"),
                    Map.of("Authorization", "Bearer " + key), null));
            context.store().ifPresent(store -> store.put("lookups",
                    String.valueOf(Integer.parseInt(store.get("lookups").orElse("0")) + 1)));
            context.log().info("looked up with status " + response.status());
            return ModuleResult.success(Map.of("body", response.body()));
        }
    }

    @Test
    void aModuleRunsWithTheCapabilitiesItsManifestDeclares() {
        var kit = new ModuleTestKit(new CrmLookup(List.of(new Capability.Http(List.of("127.0.0.1")), new Capability.KeyValueStore())))
                .secret("apiKey", "k-123").secret("undeclared", "x");
        String url = "http://127.0.0.1:" + crm.getAddress().getPort() + "/customers/42";

        ModuleResult first = kit.execute(Map.of("url", url));
        kit.execute(Map.of("url", url));

        assertThat(first).isEqualTo(ModuleResult.success(Map.of("body", "{\"tier\": \"gold\", \"auth\": \"Bearer k-123\"}")));
        assertThat(kit.store()).containsEntry("lookups", "2");
        assertThat(kit.logs()).containsExactly("INFO looked up with status 200", "INFO looked up with status 200");
    }

    @Test
    void hostsOutsideTheManifestAndUndeclaredCapabilitiesAreRefused() {
        var onlyExample = new ModuleTestKit(new CrmLookup(List.of(new Capability.Http(List.of("*.example.com")))));
        String url = "http://127.0.0.1:" + crm.getAddress().getPort() + "/customers/42";

        assertThatThrownBy(() -> onlyExample.execute(Map.of("url", url)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("may not reach 127.0.0.1");
        assertThatThrownBy(() -> onlyExample.execute(Map.of("url", "file:///etc/passwd")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("Only http and https");
        assertThatThrownBy(() -> new ModuleTestKit(new CrmLookup(List.of())).execute(Map.of("url", url)))
                .isInstanceOf(ModuleException.class).hasMessage("HTTP not granted");
        assertThat(new Capability.Http(List.of("*.example.com")).allows("api.EXAMPLE.com")).isTrue();
        assertThat(new Capability.Http(List.of("*.example.com")).allows("example.com.evil.io")).isFalse();
    }

    @Test
    void anyPublicHostExcludesPrivateAddressesUnlessAllowed() {
        var anyHost = List.<Capability>of(new Capability.Http(List.of(Capability.Http.ANY_PUBLIC_HOST)));
        String url = "http://127.0.0.1:" + crm.getAddress().getPort() + "/customers/42";

        assertThatThrownBy(() -> new ModuleTestKit(new CrmLookup(anyHost)).execute(Map.of("url", url)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("127.0.0.1 is a private address");
        assertThatThrownBy(() -> new ModuleTestKit(new CrmLookup(anyHost)).execute(Map.of("url", "http://169.254.169.254/latest")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("private address");
        assertThat(new ModuleTestKit(new CrmLookup(anyHost)).allowPrivateNetworks().execute(Map.of("url", url)))
                .isInstanceOf(ModuleResult.Success.class);
    }

    @Test
    void aManifestNeedsAnIdAndASemanticVersion() {
        assertThatThrownBy(() -> new ModuleManifest("Acme CRM", "CRM", "1.0.0", null, null, null, null, null, null, null))
                .hasMessageContaining("id must be lower-case");
        assertThatThrownBy(() -> new ModuleManifest("acme.crm", "CRM", "1.0", null, null, null, null, null, null, null))
                .hasMessageContaining("semantic version");
    }
}
