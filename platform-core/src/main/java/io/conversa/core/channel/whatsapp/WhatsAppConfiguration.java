package io.conversa.core.channel.whatsapp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SenderProperties.class, MediaProperties.class})
class WhatsAppConfiguration {
}
