package io.conversa.core.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo tenant seeded on first start, so a newcomer can sign in at once.
 *
 * @param language {@code en} or {@code pt-BR}: the demo flow's texts and the owner's console language
 */
@ConfigurationProperties("conversa.demo")
public record DemoProperties(
        boolean enabled,
        @DefaultValue("Demo Company") String tenantName,
        @DefaultValue("Demo Owner") String name,
        @DefaultValue("demo@conversa.local") String email,
        @DefaultValue("conversa-demo") String password,
        @DefaultValue("en") String language) {
}
