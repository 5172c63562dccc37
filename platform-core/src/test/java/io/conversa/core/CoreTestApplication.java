package io.conversa.core;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The platform core alone, as the API tests run it (the real application adds the web UI); run
 * as a process of its own by the tests that kill one.
 */
@SpringBootApplication
public class CoreTestApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoreTestApplication.class, args);
    }
}
