package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import io.conversa.core.db.Transactions;
import io.conversa.core.flow.FlowService;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.core.user.UserRepository;

/**
 * A business user draws a flow in a real browser: creates it, adds and connects a message, a
 * question and a condition, edits them, publishes, and a customer then chats with it on the demo
 * number through the Cloud API simulator.
 */
@ConversaAppTest
class FlowBuilderBrowserTest extends DemoOwnerBrowserTest {

    @Autowired
    FlowService flows;

    @Autowired
    UserRepository users;

    @Autowired
    Transactions transactions;

    @Test
    void drawPublishAndChat() throws Exception {
        String keyword = "hello" + UUID.randomUUID().toString().substring(0, 6);
        newFlow("Greeting");

        browser.click("palette-message");
        node("message1");
        browser.click("palette-question");
        node("question1");
        browser.click("palette-condition");
        node("condition1");
        connect("message1", "next", "question1", 1);
        connect("question1", "next", "condition1", 2);

        select("message1");
        browser.type("prop-body", "Hi {{contact.name}}! *Welcome*");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".react-flow__node[data-id='message1'] .conversa-node-preview"), "Hi {{contact.name}}! *Welcome*"));
        assertThat(browser.driver.findElement(By.className("whatsapp-preview")).getDomProperty("innerHTML"))
                .contains("<b>Welcome</b>");

        select("question1");
        WebElement question = browser.driver.findElement(By.cssSelector("#prop-body textarea"));
        question.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        question.sendKeys("Do you like pizza, {{con");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#variable-suggestions [data-variable='contact.name']")));
        question.sendKeys(Keys.ENTER);
        assertThat(question.getDomProperty("value")).isEqualTo("Do you like pizza, {{contact.name}}");
        browser.type("prop-body", "Do you like pizza?");
        browser.type("prop-variable", "likes");
        browser.driver.findElement(By.xpath("//vaadin-tab[normalize-space()='Flow']")).click();
        browser.type("flow-keywords", keyword);

        browser.wait.until(driver -> problemsCount() > 0);
        browser.driver.findElement(By.xpath("//vaadin-tab[starts-with(normalize-space(),'Problems')]")).click();
        browser.screenshot("flow-builder-problems");
        assertThat(browser.driver.findElement(By.id("publish")).getDomAttribute("disabled")).isNotNull();

        select("condition1");
        browser.type("rule-0-0-left", "{{likes}}");
        browser.click("rule-0-0-operator");
        browser.wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[normalize-space()='contains']"))).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".react-flow__node[data-id='condition1'] .conversa-node-preview"), "{{likes}} contains yes"));
        browser.wait.until(driver -> problemsCount() == 0);
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("publish")));
        browser.screenshot("flow-builder");

        browser.click("test-tab");
        browser.waitForText("simulator", "Say anything to start");
        browser.type("sim-input", "hi");
        browser.click("sim-send");
        browser.waitForText("sim-messages", "Do you like pizza?");
        assertThat(browser.textOf("sim-messages")).contains("Hi Test customer! Welcome");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".react-flow__node[data-id='question1'] .conversa-node[data-active='true']")));
        browser.screenshot("flow-builder-simulator");
        browser.type("sim-input", "yes, always");
        browser.click("sim-send");
        browser.waitForText("sim-node", "No session running");
        assertThat(browser.textOf("sim-messages")).endsWith("yes, always");
        browser.wait.until(driver -> driver.findElements(By.cssSelector(".conversa-node[data-active='true']")).isEmpty());

        browser.click("publish");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flow-status"), "Published v1"));

        browser.driver.findElement(By.xpath("//vaadin-tab[normalize-space()='Versions']")).click();
        assertThat(browser.download("versions-csv")).startsWith("\uFEFFVersion,Published\nv1,");
        browser.click("view-version-1");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#version-canvas .react-flow__node[data-id='condition1']")));
        browser.screenshot("flow-builder-version");
        browser.driver.findElement(By.xpath("//vaadin-button[normalize-space()='Close']")).click();

        customerSays(keyword);
        await("Hi Ada! *Welcome*");
        await("Do you like pizza?");

        // The published version's analytics: the customer entered the greeting and the question, and waits there.
        String waiting = "#version-canvas .react-flow__node[data-id='question1'] .conversa-node-stats";
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            browser.click("view-version-1");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(waiting)));
            boolean counted = browser.textOf(By.cssSelector(waiting)).contains("1 stopped here");
            if (!counted) {
                browser.driver.findElement(By.xpath("//vaadin-button[normalize-space()='Close']")).click();
            }
            return counted;
        });
        assertThat(browser.textOf(By.cssSelector(waiting))).contains("▶ 1 entered", "■ 1 stopped here");
        assertThat(browser.textOf(By.cssSelector("#version-canvas .react-flow__node[data-id='message1'] .conversa-node-stats")))
                .isEqualTo("▶ 1 entered");
        assertThat(browser.textOf(By.cssSelector("#version-canvas .react-flow__node[data-id='condition1'] .conversa-node-stats")))
                .isEqualTo("▶ 0 entered");
        assertThat(browser.driver.findElements(By.cssSelector("#version-canvas .react-flow__edge-text")).stream()
                .map(label -> label.getDomProperty("textContent"))).contains("1");
        browser.screenshot("flow-analytics");
    }

    @Test
    void aTemplateFromTheGalleryBecomesADraftInOneClick() {
        browser.driver.get("http://localhost:" + port + "/flows");
        browser.click("flow-templates");
        browser.waitForText("template-faq-handoff", "FAQ with handoff");
        assertThat(browser.textOf("template-lead-capture")).contains("Lead capture", "steps");
        browser.screenshot("flow-templates");
        browser.click("use-template-faq-handoff");
        browser.wait.until(ExpectedConditions.urlMatches(".*/flows/[0-9a-f-]{36}$"));
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".react-flow__node[data-id='human']")));
        preview("menu", "[Opening hours]");
        assertThat(browser.driver.findElement(By.id("publish")).getDomAttribute("disabled")).isNull();
    }

    @Test
    void keyboardCopyPasteUndoAndAConcurrentSaveElsewhere() {
        UUID flowId = newFlow("Keys");
        browser.click("palette-message");
        select("message1");

        new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("c").sendKeys("v").keyUp(Keys.CONTROL).perform();
        node("message2");
        // As a person does before a shortcut: a click on the canvas gives it the focus (the new step's properties may have taken it).
        browser.driver.findElement(By.cssSelector(".react-flow__pane")).click();
        new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".react-flow__node[data-id='message2']"), 0));
        browser.click("redo");
        node("message2");
        select("message2");
        new Actions(browser.driver).sendKeys(Keys.DELETE).perform();
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".react-flow__node[data-id='message2']"), 0));

        Caller owner = transactions.asSystem(() -> users.findAccountByEmail("demo@conversa.local")
                .map(account -> Caller.member(users.membershipsOf(account.id()).getFirst().tenantId(), account.id(), Role.OWNER))
                .orElseThrow());
        var elsewhere = (tools.jackson.databind.node.ObjectNode) flows.get(owner, flowId).draft();
        flows.update(owner, flowId, elsewhere.put("name", "Keys, renamed elsewhere"), null);

        browser.click("palette-end");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conflict-dialog")));
        browser.waitForText("save-state", "changed elsewhere");
        browser.driver.findElement(By.xpath("//vaadin-button[normalize-space()='Load their version']")).click();
        browser.wait.until(driver -> "Keys, renamed elsewhere".equals(
                driver.findElement(By.id("flow-name")).getDomProperty("value")));
        assertThat(browser.driver.findElements(By.cssSelector(".react-flow__node[data-id='end1']"))).isEmpty();
    }

    @Test
    void stepsDroppedFromThePaletteAndTheirForms() {
        newFlow("Forms");
        WebElement pane = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#canvas .react-flow")));
        browser.driver.executeScript("""
                const dt = new DataTransfer(); dt.setData('application/conversa-node', 'set_variable');
                const box = arguments[0].getBoundingClientRect();
                arguments[0].dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true,
                    clientX: box.left + box.width / 2, clientY: box.top + box.height / 2}));""", pane);
        select("setvariable1");
        browser.type("assignment-0-variable", "size");
        browser.type("assignment-0-value", "large");
        preview("setvariable1", "size = large");

        browser.click("palette-message");
        select("message1");
        browser.click("prop-message-type");
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-select-item[normalize-space()='Image']"))).click();
        browser.type("prop-link", "https://example.com/pizza.jpg");
        preview("message1", "(image)");
        // A template from the tenant's numbers (the demo number's business account on the simulator).
        browser.click("prop-message-type");
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-select-item[starts-with(normalize-space(), 'Approved template')]"))).click();
        browser.click("prop-template");
        browser.click(By.xpath("//vaadin-combo-box-item[contains(., 'order_update (pt_BR)')]"));
        preview("message1", "(template order_update)");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("prop-parameter-0")));

        browser.click("palette-jump");
        select("jump1");
        WebElement target = browser.driver.findElement(By.cssSelector("#prop-jump-node input"));
        target.sendKeys("setvariable1", Keys.ENTER);
        preview("jump1", "→ setvariable1");
    }

    private void preview(String nodeId, String text) {
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".react-flow__node[data-id='" + nodeId + "'] .conversa-node-preview"), text));
    }

    /** Creates a flow from the flow list and returns its id once its builder is open. */
    private UUID newFlow(String name) {
        browser.driver.get("http://localhost:" + port + "/flows");
        browser.click("new-flow");
        browser.type("flow-name-input", name);
        browser.click("flow-name-save");
        browser.wait.until(ExpectedConditions.urlMatches(".*/flows/[0-9a-f-]{36}$"));
        return UUID.fromString(browser.driver.getCurrentUrl().replaceAll(".*/flows/", ""));
    }

    /** Clicks a node and waits for its properties. */
    private void select(String id) {
        node(id).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("node-properties"), "Node " + id));
    }

    private WebElement node(String id) {
        return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".react-flow__node[data-id='" + id + "']")));
    }

    /** Drags from a node's handle to another node, as a person does, until the canvas shows {@code edges} edges. */
    private void connect(String source, String handle, String target, int edges) throws InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Thread.sleep(400); // the canvas fits its view after each added node; let it settle
            WebElement from = node(source).findElement(By.cssSelector(".react-flow__handle.source[data-handleid='" + handle + "']"));
            WebElement to = node(target).findElement(By.cssSelector(".react-flow__handle.target"));
            new Actions(browser.driver).moveToElement(from).clickAndHold().moveByOffset(5, 5).moveToElement(to).release().perform();
            try {
                new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(driver ->
                        driver.findElements(By.cssSelector(".react-flow__edge")).size() == edges);
                return;
            } catch (org.openqa.selenium.TimeoutException notYet) {
                // dropped beside the handle: try again
            }
        }
        assertThat(browser.driver.findElements(By.cssSelector(".react-flow__edge"))).hasSize(edges);
    }

    private int problemsCount() {
        String label = browser.driver.findElement(By.xpath("//vaadin-tab[starts-with(normalize-space(),'Problems')]")).getText();
        return label.contains("(") ? Integer.parseInt(label.replaceAll("\\D", "")) : 0;
    }

    private void customerSays(String text) throws Exception {
        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/simulator/numbers/100000000000001/customer-messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\": \"4915100009999\", \"name\": \"Ada\", \"text\": \"" + text + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(200);
    }

    /** Waits until the simulated number received a message containing this text. */
    private void await(String reply) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String received = "";
        while (System.nanoTime() < deadline) {
            received = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/simulator/numbers/100000000000001/messages")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (received.contains(reply)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(received).contains(reply);
    }
}
