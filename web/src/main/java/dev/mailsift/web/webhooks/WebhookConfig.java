package dev.mailsift.web.webhooks;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Outbound webhooks: settings and the address policy shared by registration and sending. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfig {

    @Bean
    AddressPolicy webhookAddressPolicy(WebhookProperties properties) {
        return new AddressPolicy(properties.allowedPrivateNetworks());
    }
}
