package dev.mailsift.web.audit;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who did it and from where, stamped on every command and copied onto every event it causes. */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    CorrelationDataProvider auditCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetadata.ACTOR, AuditMetadata.CLIENT_ADDRESS);
    }

    /** Registered on the command gateway by Axon's interceptor auto-configuration. */
    @Bean
    AuditMetadataInterceptor auditMetadataInterceptor() {
        return new AuditMetadataInterceptor();
    }
}
