package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person signs in to the web UI in a real browser and finds the app shell. */
@ConversaAppTest
class SignInBrowserTest {

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theDemoOwnerSignsInAndSeesEveryArea() {
        browser.driver.get("http://localhost:" + port + "/");
        browser.wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("demo-login"))).getText())
                .contains("demo@conversa.local");
        browser.screenshot("login");

        signIn("demo@conversa.local", "conversa-demo");

        WebElement welcome = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));
        assertThat(welcome.getText()).isEqualTo("Welcome, Demo Owner");
        assertThat(browser.driver.findElement(By.id("signed-in-as")).getText()).isEqualTo("Demo Owner · Demo Company");
        assertThat(browser.driver.findElements(By.cssSelector("vaadin-side-nav-item")).stream().map(WebElement::getText))
                .containsExactly("Dashboard", "Flows", "Inbox", "Marketplace", "Settings");
        browser.screenshot("dashboard");

        browser.driver.findElement(By.xpath("//vaadin-side-nav-item[normalize-space()='Flows']")).click();
        browser.wait.until(ExpectedConditions.urlContains("/flows"));
        assertThat(browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h2"))).getText())
                .isEqualTo("Flows");
    }

    @Test
    void aWrongPasswordKeepsThePersonOnTheLoginPageWithAnError() {
        browser.driver.get("http://localhost:" + port + "/login");

        signIn("demo@conversa.local", "not the password");

        browser.wait.until(ExpectedConditions.urlContains("error"));
        WebElement form = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("vaadin-login-form")));
        browser.wait.until(driver -> form.getDomAttribute("error") != null);
        assertThat(browser.driver.findElements(By.id("welcome"))).isEmpty();
    }

    private void signIn(String email, String password) {
        WebElement username = browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']")));
        username.sendKeys(email);
        WebElement passwordField = browser.driver.findElement(By.cssSelector("input[name='password']"));
        passwordField.sendKeys(password, Keys.ENTER);
    }
}
