package io.conversa.core.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The description {@code /v3/api-docs} serves: what the API is, and its two ways to authenticate. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI conversaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Conversa API").version("v1")
                        .description("WhatsApp chatbot flows, live chat, contacts, templates, messages and events for "
                                + "tenants' systems. Guide: docs/api.md. Errors are RFC 9457 problem details; POSTs that "
                                + "create something take an Idempotency-Key header; lists are paged by cursor."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("From POST /api/v1/auth/login"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                                .description("A tenant's API key (cnv_...), narrowed by scopes, rate limited")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
