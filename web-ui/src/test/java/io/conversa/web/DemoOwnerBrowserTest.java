package io.conversa.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A browser signed in as the demo tenant's owner before each test, closed after it. */
abstract class DemoOwnerBrowserTest {

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeEach
    void signIn() {
        browser = Browser.open();
        browser.signInAsDemoOwner(port);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
