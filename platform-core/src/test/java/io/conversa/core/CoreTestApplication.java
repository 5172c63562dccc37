package io.conversa.core;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The platform core alone, as the API tests run it (the real application adds the web UI). */
@SpringBootApplication
public class CoreTestApplication {
}
