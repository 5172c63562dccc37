package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** An owner runs the business from Settings: connects a number and sees it checked, adds a colleague, creates and revokes an API key. */
@ConversaAppTest
class SettingsBrowserTest extends DemoOwnerBrowserTest {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNumberIsConnectedWithWhatToPasteIntoMetaAndCheckedAgainstTheGraphApi() throws Exception {
        String known = String.valueOf(500_000_000_000L + ThreadLocalRandom.current().nextLong(100_000_000_000L));
        // The number exists at "Meta" (the simulator); the second does not.
        send(HttpRequest.newBuilder(uri("/simulator/numbers/" + known)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookUrl\": \"http://localhost:" + port + "/nowhere\", \"appSecret\": \"s\"}")));
        browser.driver.get("http://localhost:" + port + "/settings");

        connect(known);
        browser.waitForText("webhook-url", "");
        assertThat(browser.driver.findElement(By.id("webhook-url")).getDomProperty("value")).contains("/webhooks/whatsapp/");
        browser.waitForText("check-result", "is connected: Simulated Business");
        assertThat(browser.textOf("check-result")).contains("quality GREEN", "throughput STANDARD");
        browser.screenshot("settings-numbers");
        browser.click(By.xpath("//vaadin-button[normalize-space()='Done']"));

        String unknown = String.valueOf(600_000_000_000L + ThreadLocalRandom.current().nextLong(100_000_000_000L));
        connect(unknown);
        browser.waitForText("check-result", "is not connected");
        assertThat(browser.textOf("check-result")).contains("Object with ID '" + unknown + "' does not exist", "error 100");
    }

    @Test
    void anApiKeyIsShownOnceWorksAndIsRevoked() throws Exception {
        browser.driver.get("http://localhost:" + port + "/settings");
        browser.click("tab-api-keys");
        browser.click("create-api-key");
        String name = "CRM " + UUID.randomUUID().toString().substring(0, 6);
        browser.type("api-key-name", name);
        browser.click("api-key-save");
        browser.wait.until(d -> d.findElements(By.id("new-api-key")).stream()
                .anyMatch(field -> String.valueOf(field.getDomProperty("value")).startsWith("cnv_")));
        String key = browser.driver.findElement(By.id("new-api-key")).getDomProperty("value");
        assertThat(withKey(key)).isEqualTo(200);
        browser.screenshot("settings-api-key");
        browser.click(By.xpath("//vaadin-button[normalize-space()='Done']"));

        browser.click("revoke-" + name);
        browser.click(By.cssSelector("vaadin-confirm-dialog [slot='confirm-button']"));
        browser.wait.until(d -> d.findElements(By.id("revoke-" + name)).stream().anyMatch(b -> b.getDomAttribute("disabled") != null));
        assertThat(withKey(key)).isEqualTo(401);
    }

    @Test
    void everyTableDownloadsAsCsvWithAllItsRowsAndNoFormulas() throws Exception {
        browser.driver.get("http://localhost:" + port + "/settings");
        browser.click("tab-api-keys");
        browser.click("create-api-key");
        browser.type("api-key-name", "=HYPERLINK(\"http://evil.example\") " + UUID.randomUUID().toString().substring(0, 6));
        browser.click("api-key-save");
        browser.wait.until(d -> d.findElements(By.id("new-api-key")).stream()
                .anyMatch(field -> String.valueOf(field.getDomProperty("value")).startsWith("cnv_")));
        String key = browser.driver.findElement(By.id("new-api-key")).getDomProperty("value");
        browser.click(By.xpath("//vaadin-button[normalize-space()='Done']"));
        // More audit entries than the log shows at once: the file holds them all.
        for (int i = 0; i < 55; i++) {
            assertThat(send(HttpRequest.newBuilder(uri("/api/v1/api-keys")).header("X-Api-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"bulk " + i + "\", \"role\": \"AGENT\"}"))).statusCode())
                    .isEqualTo(201);
        }
        browser.driver.navigate().refresh();
        browser.click("tab-api-keys");
        String keys = browser.download("api-keys-csv");
        assertThat(keys).startsWith("\uFEFFName,Key,Role,Scopes,Last used,Status\n").contains("\"'=HYPERLINK(\"\"http://evil.example\"\")", "bulk 54");

        browser.click("tab-audit");
        browser.waitForText("audit-events", "api_key.created");
        browser.screenshot("settings-audit");
        String audit = browser.download("audit-csv");
        assertThat(audit).startsWith("\uFEFFWhen,Who,Action,On,Details,IP,Browser or client\n");
        assertThat(audit.lines().filter(line -> line.contains("api_key.created")).count()).isGreaterThanOrEqualTo(56);

        browser.click("tab-team");
        browser.screenshot("settings-team");
        assertThat(browser.download("members-csv")).startsWith("\uFEFFName,Email,Role\n").contains("Demo Owner,");
        browser.click("tab-numbers");
        assertThat(browser.download("numbers-csv")).contains("100000000000001");
        browser.click("tab-webhooks");
        assertThat(browser.download("webhooks-csv")).startsWith("\uFEFFURL,");
        browser.driver.get("http://localhost:" + port + "/flows");
        assertThat(browser.download("flows-csv")).startsWith("\uFEFFName,Status,Last edited,By\n").contains("Pizza");
    }

    @Test
    void aNumbersBusinessHoursAreSetAndKept() {
        browser.driver.get("http://localhost:" + port + "/settings");
        browser.click("business-hours-100000000000001");
        browser.waitForText("business-hours-dialog", "Business hours of");
        browser.click("hours-clear");
        browser.click("business-hours-100000000000001");
        browser.waitForText("business-hours-dialog", "Monday");
        browser.click("hours-MONDAY-open");
        time("hours-MONDAY-opens", "09:00");
        time("hours-MONDAY-closes", "12:00");
        time("hours-MONDAY-reopens", "13:00");
        time("hours-MONDAY-closes-again", "18:00");
        browser.click("hours-SATURDAY-open");
        time("hours-SATURDAY-opens", "10:00");
        time("hours-SATURDAY-closes", "09:00");
        browser.type("hours-away", "Closed now, back at 9.");
        browser.driver.findElement(By.cssSelector("#hours-holiday input")).sendKeys("12/25/2026", Keys.ENTER);
        browser.waitForText("hours-holidays", "Dec 25, 2026");
        browser.click("hours-save");
        browser.waitForText(By.tagName("vaadin-notification-card"), "weekly.SATURDAY[0].closes must be after opens (10:00)");
        time("hours-SATURDAY-closes", "14:00");
        browser.click("hours-save");
        browser.wait.until(d -> d.findElements(By.id("business-hours-dialog")).isEmpty());

        browser.click("business-hours-100000000000001");
        browser.waitForText("hours-holidays", "Dec 25, 2026");
        assertThat(browser.driver.findElement(By.id("hours-MONDAY-reopens")).getDomProperty("value")).isEqualTo("13:00");
        assertThat(browser.driver.findElement(By.id("hours-SATURDAY-closes")).getDomProperty("value")).isEqualTo("14:00");
        assertThat(browser.driver.findElement(By.cssSelector("#hours-time-zone input")).getDomProperty("value")).isEqualTo("America/Sao_Paulo");
        assertThat(browser.driver.findElement(By.id("hours-TUESDAY-open")).getDomProperty("checked")).isEqualTo("false");
        browser.screenshot("settings-business-hours");
        browser.click("hours-clear");
        browser.wait.until(d -> d.findElements(By.id("business-hours-dialog")).isEmpty());
    }

    private void time(String picker, String value) {
        WebElement input = browser.driver.findElement(By.cssSelector("#" + picker + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.ENTER);
    }

    @Test
    void aColleagueAddedAsAnAgentSignsInToTheInbox() {
        browser.driver.get("http://localhost:" + port + "/settings");
        browser.click("tab-team");
        browser.click("add-member");
        String email = "ines-" + UUID.randomUUID() + "@example.com";
        browser.type("member-name", "Inês");
        browser.type("member-email", email);
        browser.type("member-password", "a long enough password");
        browser.click("member-save");
        browser.waitForText("members", email);

        try (Browser colleague = Browser.open()) {
            colleague.signIn(port, email, "a long enough password");
            assertThat(colleague.driver.findElements(By.cssSelector("vaadin-side-nav-item")).stream().map(WebElement::getText))
                    .containsExactly("Dashboard", "Inbox");
        }
    }

    @Test
    void anInvitedColleagueSetsAPasswordAndSignsInAsAnAgent() {
        browser.driver.get("http://localhost:" + port + "/settings");
        browser.click("tab-team");
        browser.click("invite-member");
        String email = "joana-" + UUID.randomUUID() + "@example.com";
        browser.type("invite-name", "Joana");
        browser.type("invite-email", email);
        browser.click("invite-send");
        // No SMTP server in the tests: the link is shown to the inviter, once.
        browser.wait.until(d -> !d.findElements(By.cssSelector("#invitation-link input")).isEmpty());
        String link = browser.driver.findElement(By.cssSelector("#invitation-link input")).getDomProperty("value");
        assertThat(link).startsWith("http://localhost:" + port + "/invitation/");
        browser.screenshot("settings-invitation");
        browser.click("invitation-link-done");
        browser.waitForText("invitations", email);

        try (Browser colleague = Browser.open()) {
            colleague.driver.get(link);
            colleague.waitForText("invitation-title", "Join");
            colleague.type("invitation-name", "Joana Lima");
            colleague.type("invitation-password", "a long enough password");
            colleague.type("invitation-password-again", "a long enough password");
            colleague.click("invitation-join");
            colleague.wait.until(d -> d.getCurrentUrl().endsWith("/login"));
            colleague.signIn(port, email, "a long enough password");
            assertThat(colleague.driver.findElements(By.cssSelector("vaadin-side-nav-item")).stream().map(WebElement::getText))
                    .containsExactly("Dashboard", "Inbox");

            colleague.driver.get(link);
            colleague.waitForText("invitation-refused", "already accepted");
        }
        browser.driver.navigate().refresh();
        browser.click("tab-team");
        browser.waitForText("members", email);
    }

    @Test
    void aWebhookSubscriptionShowsItsSecretOnceAndCanBePaused() {
        browser.submitWebhook(port, "ftp://crm.example.com");
        browser.waitForText(By.tagName("vaadin-notification-card"), "url must be an https URL");

        String url = "http://localhost:" + port + "/receiver-" + UUID.randomUUID();
        browser.type("webhook-url-input", url);
        // As a person picks from the list: type to filter, arrow down to the match, Enter.
        browser.driver.findElement(By.cssSelector("#webhook-events input")).sendKeys("message.received");
        browser.wait.until(d -> !d.findElements(
                By.xpath("//vaadin-multi-select-combo-box-item[normalize-space()='message.received']")).isEmpty());
        browser.driver.findElement(By.cssSelector("#webhook-events input")).sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.wait.until(d -> String.valueOf(d.findElement(By.id("webhook-events")).getText()).contains("message.received")
                || !d.findElements(By.cssSelector("#webhook-events vaadin-multi-select-combo-box-chip")).isEmpty());
        // The list stays open over the dialog's buttons after a pick, as it does for a person until they click elsewhere.
        browser.driver.executeScript("document.getElementById('webhook-events').opened = false;");
        browser.click("webhook-save");
        browser.wait.until(d -> d.findElements(By.id("webhook-secret")).stream()
                .anyMatch(field -> String.valueOf(field.getDomProperty("value")).startsWith("whsec_")));
        browser.click(By.xpath("//vaadin-button[normalize-space()='Done']"));

        browser.waitForText("webhooks", url);
        browser.click(By.xpath("//vaadin-button[normalize-space()='Pause']"));
        browser.waitForText("webhooks", "Paused");
        browser.wait.until(d -> d.findElements(By.tagName("vaadin-notification-card")).isEmpty());
        browser.screenshot("settings-webhooks");
    }

    private void connect(String phoneNumberId) {
        browser.click("connect-number");
        browser.type("number-name", "Shop " + phoneNumberId);
        browser.type("number-phone-number-id", phoneNumberId);
        browser.type("number-waba-id", "102290129340398");
        browser.type("number-access-token", "EAAG-a-system-user-token");
        browser.type("number-app-secret", "the-app-secret");
        browser.type("number-graph-api-url", "http://localhost:" + port + "/simulator/graph");
        browser.click("number-save");
    }

    private int withKey(String key) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/flows")).header("X-Api-Key", key).GET()).statusCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
