package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A builder browses the marketplace, tries a built-in, uploads, installs and tries a module of their own. */
@ConversaAppTest
class MarketplaceBrowserTest extends DemoOwnerBrowserTest {

    @Test
    void aBuilderFindsTriesUploadsAndInstallsModules() {
        browser.driver.get("http://localhost:" + port + "/marketplace");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("module-conversa.http-request")));
        assertThat(cardTitles()).contains("HTTP request", "JSON transform", "Run JavaScript", "Contact tags and attributes",
                "Send email");
        browser.screenshot("marketplace");

        browser.type("module-search", "email");
        browser.wait.until(driver -> cardTitles().equals(java.util.List.of("Send email")));

        browser.driver.get("http://localhost:" + port + "/marketplace/conversa.json-transform");
        browser.wait.until(ExpectedConditions.textToBe(By.id("module-name"), "JSON transform"));
        browser.type("config-data", "{\"items\": [{\"name\": \"Margherita\"}, {\"name\": \"Diavola\"}]}");
        browser.type("config-expression", "data.items.map(i => i.name).join(' and ')");
        browser.click("try");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("try-result"), "Margherita and Diavola"));
        assertThat(browser.driver.findElement(By.id("try-result")).getText()).startsWith("Succeeded in");
        browser.screenshot("marketplace-module");

        String id = "acme.greeter-" + UUID.randomUUID().toString().substring(0, 8);
        browser.driver.get("http://localhost:" + port + "/marketplace");
        browser.click("upload-module");
        browser.type("upload-manifest", """
                {"id": "%s", "name": "Greeter", "version": "1.0.0", "author": "Acme",
                 "configSchema": {"type": "object", "properties": {"name": {"type": "string", "title": "Name"}}},
                 "secrets": [{"name": "apiKey", "label": "API key"}]}""".formatted(id));
        browser.type("upload-source", "function execute(input, context) { context.log.info('greeting'); "
                + "return { greeting: 'Hello, ' + input.name + '!', keyed: !!context.secret('apiKey') }; }");
        browser.click("upload-confirm");
        browser.wait.until(ExpectedConditions.textToBe(By.id("module-name"), "Greeter"));
        assertThat(status()).isEqualTo("Private, not installed");

        browser.type("secret-apiKey", "sk-secret");
        browser.click("install");
        browser.wait.until(driver -> status().equals("Installed 1.0.0"));
        browser.type("config-name", "Ada");
        browser.click("try");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("try-result"), "Hello, Ada!"));
        assertThat(browser.driver.findElement(By.id("try-result")).getText()).contains("\"keyed\" : true").contains("INFO greeting");

        browser.driver.get("http://localhost:" + port + "/marketplace");
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-tab[normalize-space()='Execution log']")))
                .click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("execution-log"), id + " 1.0.0"));
        browser.screenshot("marketplace-log");
    }

    @Test
    void anUnknownModuleSaysSo() {
        browser.driver.get("http://localhost:" + port + "/marketplace/acme.nothing");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "No such module"));
    }

    private String status() {
        return browser.driver.findElement(By.className("module-status")).getDomProperty("textContent");
    }

    private java.util.List<String> cardTitles() {
        return browser.driver.findElements(By.cssSelector("#catalogue vaadin-card")).stream()
                .map(card -> card.getDomProperty("cardTitle")).toList();
    }
}
