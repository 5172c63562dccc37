package io.conversa.core.simulator;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Cloud API simulator as a process of its own (no database, no Conversa), for tests and
 * benchmarks that keep the simulated Meta side apart: {@code ./conversa simulator --server.port=8090},
 * then point a channel's Graph API URL at {@code http://host:8090/simulator/graph}. Deliberately
 * not a {@code @Component}, so Conversa's own component scan never picks it up.
 */
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, MultipartAutoConfiguration.class,
        ValidationAutoConfiguration.class})
@Import({CloudApiSimulator.class, SimulatorGraphController.class, SimulatorControlController.class})
public class CloudApiSimulatorApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        start(args);
    }

    /** Starts the simulator; {@code --server.port=0} picks a free port. */
    public static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(CloudApiSimulatorApplication.class)
                .properties(Map.of("conversa.simulator.enabled", "true", "spring.application.name", "cloud-api-simulator",
                        "spring.servlet.multipart.max-file-size", "100MB", "spring.servlet.multipart.max-request-size", "101MB",
                        "spring.config.name", "cloud-api-simulator"))
                .run(args);
    }
}
