package dev.mailsift.web.billing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class BillingConfig {

    @Bean
    LowCreditThreshold lowCreditThreshold(@Value("${mailsift.billing.low-credit-threshold}") long credits) {
        return new LowCreditThreshold(credits);
    }
}
