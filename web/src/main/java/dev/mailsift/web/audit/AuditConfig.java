package dev.mailsift.web.audit;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Who did it and from where, stamped on every command and copied onto every event it causes. */
@Configuration(proxyBeanMethods = false)
class AuditConfig implements WebMvcConfigurer {

    private final AuditReads reads;

    AuditConfig(AuditReads reads) {
        this.reads = reads;
    }

    /** Every read of the history is logged before it is served. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(reads).addPathPatterns("/api/v1/audit/**");
    }

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
