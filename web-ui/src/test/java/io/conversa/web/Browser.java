package io.conversa.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium, driven by the system's chromedriver: nothing is downloaded.
 * Where they are not installed (see .ci/run), browser tests are skipped and say so.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // Vaadin re-renders what it updates: an element found a moment ago may be gone; look again.
        this.wait.ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class);
    }

    static Browser open() {
        return open("en-US");
    }

    /** A browser whose person reads this language first (Accept-Language). */
    static Browser open(String language) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests need /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        try {
            Path profile = Files.createTempDirectory("conversa-chromium");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM.toFile())
                    .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile, "--lang=" + language);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets the value of the Vaadin field with this id as a person would leave it: the value, then a
     * change event, so the server receives it.
     */
    void type(String id, String text) {
        WebElement field = wait.until(
                ExpectedConditions.presenceOfElementLocated(By.id(id)));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
        driver.executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));"
                + "const input = arguments[0].inputElement; if (input) { input.dispatchEvent(new Event('input', {bubbles: true})); }",
                field, text);
    }

    /** The element's text as the DOM holds it, whether or not it is scrolled into view. */
    String textOf(String id) {
        return driver.findElement(By.id(id)).getDomProperty("textContent");
    }

    String textOf(By locator) {
        return driver.findElement(locator).getDomProperty("textContent");
    }

    /** Waits until the element with this id holds the text somewhere. */
    void waitForText(String id, String text) {
        wait.until(d -> !d.findElements(By.id(id)).isEmpty() && textOf(id).contains(text));
    }

    /** Waits until an element this locator finds holds the text, however often Vaadin re-renders it meanwhile. */
    void waitForText(By locator, String text) {
        wait.until(d -> d.findElements(locator).stream().anyMatch(e -> e.getText().contains(text)));
    }

    /** Clicks the element with this id once it can be clicked, scrolled into view first. */
    void click(String id) {
        WebElement element = wait.until(
                ExpectedConditions.presenceOfElementLocated(By.id(id)));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        wait.until(ExpectedConditions.elementToBeClickable(element));
        // A layout still settling may cover the element for a moment: click again until it takes.
        wait.until(d -> {
            WebElement current = d.findElement(By.id(id));
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", current);
            current.click();
            return true;
        });
    }

    /** Clicks what the locator finds, finding it again if Vaadin re-rendered it in between. */
    void click(By locator) {
        wait.until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    /** The file behind a download link, fetched in this signed-in browser. */
    String download(String link) {
        wait.until(d -> !d.findElements(By.id(link)).isEmpty() && d.findElement(By.id(link)).getDomAttribute("href") != null);
        return (String) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById(arguments[0]).href).then(r => r.arrayBuffer())"
                        + ".then(b => done(new TextDecoder('utf-8', {ignoreBOM: true}).decode(b)));", link);
    }

    /** Opens Settings → Webhooks on the app at this port and asks for a subscription to this URL. */
    void submitWebhook(int port, String url) {
        driver.get("http://localhost:" + port + "/settings");
        click("tab-webhooks");
        click("create-webhook");
        type("webhook-url-input", url);
        click("webhook-save");
    }

    /** Signs in as the demo tenant's owner on the app at this port and waits for the dashboard. */
    void signInAsDemoOwner(int port) {
        signIn(port, "demo@conversa.local", "conversa-demo");
    }

    /** Signs in with this account on the app at this port and waits for the dashboard. */
    void signIn(int port, String email, String password) {
        driver.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[name='username']"))).sendKeys(email);
        driver.findElement(By.cssSelector("input[name='password']"))
                .sendKeys(password, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));
    }

    /** Keeps a picture of the page in target/screenshots, for the docs and for failures. */
    void screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
