package dev.mailsift.web.audit.integrity;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntegrityProperties.class)
class IntegrityConfig {
}
