package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two people in two browsers on the inbox: a customer's message (a signed webhook through the
 * simulator) appears in both without a reload; one takes it and the other sees it taken; the
 * answer reaches the customer, the note does not; released, the bot goes on.
 */
@ConversaAppTest
class InboxBrowserTest {

    static final String DEMO_NUMBER = "100000000000001";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    Browser owner;
    Browser agent;
    final String agentName = "Ana " + UUID.randomUUID().toString().substring(0, 6);
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void openTwoBrowsers() throws Exception {
        String token = JSON.readTree(post("/api/v1/auth/login", null,
                "{\"email\": \"demo@conversa.local\", \"password\": \"conversa-demo\"}")).path("accessToken").asString();
        String flow = JSON.readTree(post("/api/v1/flows", token, """
                {"name": "Human help %s", "start": "hello", "nodes": [
                   {"id": "hello", "type": "message", "data": {"message": {"type": "text", "body": "A person will answer you."}}},
                   {"id": "human", "type": "handoff", "data": {}},
                   {"id": "back", "type": "message", "data": {"message": {"type": "text", "body": "The bot is back."}}}],
                 "edges": [{"id": "1", "source": "hello", "target": "human"}, {"id": "2", "source": "human", "target": "back"}],
                 "triggers": {"keywords": ["human"]}}""".formatted(UUID.randomUUID()))).path("flow").path("id").asString();
        post("/api/v1/flows/" + flow + "/publish", token, "");
        String email = "agent-" + UUID.randomUUID() + "@example.com";
        post("/api/v1/users", token, "{\"email\": \"" + email + "\", \"name\": \"" + agentName + "\", \"password\": \"long enough password\","
                + " \"role\": \"AGENT\"}");

        owner = Browser.open();
        owner.signInAsDemoOwner(port);
        agent = Browser.open();
        agent.signIn(port, email, "long enough password");
        for (Browser browser : new Browser[] {owner, agent}) {
            browser.driver.get("http://localhost:" + port + "/inbox");
            browser.wait.until(d -> !d.findElements(By.id("conversations")).isEmpty());
        }
    }

    @AfterEach
    void closeBrowsers() {
        for (Browser browser : new Browser[] {owner, agent}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void aHandedOffCustomerIsTakenAnsweredNotedAndGivenBackToTheBot() throws Exception {
        String customer = "49151" + (10_000_000 + (long) (Math.random() * 89_999_999));
        post("/simulator/numbers/" + DEMO_NUMBER + "/customer-messages", null,
                "{\"from\": \"" + customer + "\", \"name\": \"Bia\", \"text\": \"human\"}");

        By row = By.cssSelector(".conversation-row[data-wa-id='" + customer + "']");
        owner.wait.until(d -> !d.findElements(row).isEmpty());
        agent.wait.until(d -> !d.findElements(row).isEmpty());

        // Unread and waiting, until someone opens it.
        By unread = By.cssSelector(".conversation-row[data-wa-id='" + customer + "'][data-unread='1']");
        agent.waitForText(unread, "1 new · waiting");
        // The agent is told: the tab's title counts what waits for them (with a tone and a desktop notification).
        agent.wait.until(d -> d.getTitle().matches("\\(\\d+\\) Inbox · Conversa"));
        assertThat(JSON.readTree(get("/api/v1/presence")).valueStream().map(p -> p.path("name").asString() + ":" + p.path("status").asString()))
                .contains(agentName + ":ONLINE", "Demo Owner:ONLINE");

        owner.click(row);
        owner.waitForText("messages", "A person will answer you.");
        owner.click("take");
        owner.waitForText("thread-state", "Assigned to me");
        agent.wait.until(d -> !d.findElements(By.cssSelector(".conversation-row[data-wa-id='" + customer + "'][data-unread='0']")).isEmpty());

        agent.click(row);
        agent.waitForText("thread-state", "Assigned to Demo Owner");

        // A quick reply, filled in for this customer, from "/" and the first letters of its shortcut.
        String shortcut = "greet" + (int) (Math.random() * 1_000_000);
        post("/api/v1/quick-replies", ownerToken(), "{\"shortcut\": \"" + shortcut + "\", \"body\": \"Hi {{contact.name}}!\"}");
        owner.type("composer", "/" + shortcut.substring(0, 6));
        owner.click("quick-reply-" + shortcut);
        owner.wait.until(d -> "Hi Bia!".equals(d.findElement(By.id("composer")).getDomProperty("value")));

        // The answer quotes the customer's message.
        owner.click(By.cssSelector(".message-in .reply"));
        owner.waitForText("replying", "human");
        owner.type("composer", "Hello Bia, this is the demo owner.");
        owner.click("send");
        await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(customer).contains("Hello Bia, this is the demo owner."));
        owner.waitForText("messages", "Hello Bia, this is the demo owner.");
        assertThat(quotedBy(customer, "Hello Bia, this is the demo owner.")).startsWith("wamid.");
        owner.waitForText(By.cssSelector(".message-out .message-quote"), "human");

        // The contact beside the thread: the flow that runs, and tags and attributes the agent keeps.
        owner.waitForText("contact-sessions", "Human help");
        owner.type("contact-tags", "refund, vip");
        owner.type("contact-attributes", "order=A-42");
        owner.click("contact-save");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode contact = JSON.readTree(get("/api/v1/contacts?q=" + customer)).path("items").path(0);
            assertThat(contact.path("tags").valueStream().map(JsonNode::asString)).containsExactly("refund", "vip");
            assertThat(contact.path("attributes").path("order").asString()).isEqualTo("A-42");
        });

        // Labels for the team, seen in the list; and the owner hands the conversation to the agent.
        owner.type("labels", "vip, refund");
        owner.waitForText(row, "vip, refund");
        owner.click("assign-to");
        owner.click(By.xpath("//vaadin-combo-box-item[contains(., '" + agentName + "')]"));
        agent.waitForText("thread-state", "Assigned to me");

        owner.type("note", "Wants a refund, approved.");
        owner.click("add-note");
        owner.waitForText("notes", "Wants a refund, approved.");
        owner.screenshot("inbox");

        owner.click("release");
        await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(customer).contains("The bot is back."));
        assertThat(sentTo(customer)).doesNotContain("Wants a refund, approved.");
    }

    @Test
    void anAgentSeesTheDashboardAndTheInboxAndNothingElse() {
        assertThat(agent.driver.findElements(By.cssSelector("vaadin-side-nav-item")).stream().map(WebElement::getText))
                .containsExactly("Dashboard", "Inbox");
        for (String area : List.of("flows", "marketplace", "settings")) {
            agent.driver.get("http://localhost:" + port + "/" + area);
            agent.wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Could not navigate to '" + area + "'"));
        }
        assertThat(owner.driver.findElements(By.cssSelector("vaadin-side-nav-item")).stream().map(WebElement::getText))
                .containsExactly("Dashboard", "Flows", "Inbox", "Marketplace", "Settings");
    }

    @Test
    void theThreadShowsTheCustomersPhotoTheFlowsPathAndTicksAndTheAgentAttachesAFile() throws Exception {
        String customer = "49152" + (10_000_000 + (long) (Math.random() * 89_999_999));
        post("/simulator/numbers/" + DEMO_NUMBER + "/customer-messages", null,
                "{\"from\": \"" + customer + "\", \"name\": \"Rui\", \"text\": \"human\"}");
        String photo = JSON.readTree(post("/simulator/media", null, "{\"mimeType\": \"image/png\", \"contentBase64\": \""
                + Base64.getEncoder().encodeToString(png()) + "\"}")).path("id").asString();
        post("/simulator/numbers/" + DEMO_NUMBER + "/customer-messages", null,
                "{\"from\": \"" + customer + "\", \"mediaId\": \"" + photo + "\", \"text\": \"my *broken* cup\"}");

        owner.type("inbox-search", customer);
        owner.click(By.cssSelector(".conversation-row[data-wa-id='" + customer + "']"));
        // The photo is shown from what Conversa fetched, with its caption formatted as WhatsApp does.
        owner.wait.until(d -> Boolean.TRUE.equals(d.findElements(By.cssSelector(".message-in img.media-preview")).stream()
                .findFirst().map(img -> owner.driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth === 3;", img))
                .orElse(false)));
        owner.waitForText(By.cssSelector(".message-in b"), "broken");
        // What the flow did between the messages, folded; and the bot's message delivered.
        owner.waitForText(By.cssSelector(".flow-path"), "hello → human");
        owner.wait.until(d -> d.findElements(By.cssSelector(".message-out .message-status")).stream()
                .anyMatch(tick -> List.of("SENT", "DELIVERED", "READ").contains(tick.getDomAttribute("data-status"))));

        owner.click("take");
        owner.click("emoji");
        owner.click(By.cssSelector(".emoji-choice"));
        owner.wait.until(d -> d.findElement(By.id("composer")).getDomProperty("value").contains("😀"));

        // A file over WhatsApp's limit for its kind is refused with the reason, and nothing is attached.
        chooseFile(file("huge.jpg", new byte[5 * 1024 * 1024 + 1]));
        owner.waitForText(By.tagName("vaadin-notification-card"), "at most 5242880 bytes");
        assertThat(owner.driver.findElements(By.id("attachment"))).noneMatch(WebElement::isDisplayed);

        chooseFile(file("refund.pdf", "%PDF-1.7 refund form".getBytes(StandardCharsets.UTF_8)));
        owner.waitForText("attachment", "refund.pdf");
        owner.type("composer", "Here is the form 😀");
        owner.click("send");
        await().atMost(Duration.ofSeconds(20)).until(() -> received(customer).anyMatch(m -> "refund.pdf".equals(m.path("document")
                .path("filename").asString()) && "Here is the form 😀".equals(m.path("document").path("caption").asString())));
        owner.wait.until(d -> d.findElements(By.cssSelector(".message-out[data-type='document']")).size() == 1);
        owner.screenshot("inbox-media");
    }

    private void chooseFile(Path file) {
        owner.wait.until(d -> {
            d.findElement(By.id("attach")).getShadowRoot().findElement(By.cssSelector("input[type='file']"))
                    .sendKeys(file.toAbsolutePath().toString());
            return true;
        });
    }

    private static Path file(String name, byte[] content) throws Exception {
        Path file = Files.createTempDirectory("conversa-attachment").resolve(name);
        return Files.write(file, content);
    }

    /** A real 3×2 PNG, as a phone would send a photo. */
    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private Stream<JsonNode> received(String customer) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/simulator/numbers/" + DEMO_NUMBER + "/messages")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .valueStream().filter(m -> customer.equals(m.path("to").asString()));
    }

    @Test
    void whenTheWindowIsClosedOnlyAnApprovedTemplateCanBeSent() throws Exception {
        String customer = "55819" + (10_000_000 + (long) (Math.random() * 89_999_999));
        String channel = JSON.readTree(get("/api/v1/channels")).valueStream()
                .filter(c -> DEMO_NUMBER.equals(c.path("phoneNumberId").asString())).findFirst().orElseThrow().path("id").asString();
        post("/api/v1/contacts", ownerToken(), "{\"channelId\": \"" + channel + "\", \"phone\": \"" + customer
                + "\", \"name\": \"Caio\"}");

        owner.type("inbox-search", customer);
        By row = By.cssSelector(".conversation-row[data-wa-id='" + customer + "']");
        owner.click(row);
        owner.waitForText("window", "only an approved template can start the conversation");
        assertThat(owner.driver.findElement(By.id("composer")).getDomAttribute("readonly")).isNotNull();

        owner.click("template");
        owner.click(By.xpath("//vaadin-combo-box-item[contains(., 'order_update (pt_BR)')]"));
        owner.type("parameter-0", "A-77");
        owner.screenshot("inbox-template");
        owner.click("send-template");
        await().atMost(Duration.ofSeconds(20)).until(() -> templatesTo(customer).contains("order_update:A-77"));
    }

    /** The templates the simulator received for this customer, as name:parameters. */
    private String templatesTo(String customer) throws Exception {
        JsonNode received = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/simulator/numbers/" + DEMO_NUMBER + "/messages")).build(), HttpResponse.BodyHandlers.ofString()).body());
        return received.valueStream().filter(m -> customer.equals(m.path("to").asString()) && m.has("template"))
                .map(m -> m.path("template").path("name").asString() + ":" + m.path("template").path("components").valueStream()
                        .flatMap(c -> c.path("parameters").valueStream()).map(p -> p.path("text").asString())
                        .reduce((a, b) -> a + "," + b).orElse(""))
                .reduce("", (a, b) -> a + "\n" + b);
    }

    private String ownerToken() throws Exception {
        return JSON.readTree(post("/api/v1/auth/login", null,
                "{\"email\": \"demo@conversa.local\", \"password\": \"conversa-demo\"}")).path("accessToken").asString();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ownerToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** The WhatsApp id of the message the text the simulator received for this customer quotes. */
    private String quotedBy(String customer, String text) throws Exception {
        JsonNode received = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/simulator/numbers/" + DEMO_NUMBER + "/messages")).build(), HttpResponse.BodyHandlers.ofString()).body());
        return received.valueStream().filter(m -> customer.equals(m.path("to").asString())
                        && text.equals(m.path("text").path("body").asString()))
                .findFirst().orElseThrow().path("context").path("message_id").asString("");
    }

    /** What the simulator received for this customer, as one text. */
    private String sentTo(String customer) throws Exception {
        JsonNode received = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/simulator/numbers/" + DEMO_NUMBER + "/messages")).build(), HttpResponse.BodyHandlers.ofString()).body());
        return received.valueStream().filter(m -> customer.equals(m.path("to").asString()))
                .map(m -> m.path("text").path("body").asString("")).reduce("", (a, b) -> a + "\n" + b);
    }

    private String post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isLessThan(300);
        return response.body();
    }
}
