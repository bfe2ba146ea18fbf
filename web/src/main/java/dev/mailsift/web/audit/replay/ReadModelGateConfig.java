package dev.mailsift.web.audit.replay;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the {@link ReadModelGate} in front of every subscribing read model's processor. */
@Configuration(proxyBeanMethods = false)
class ReadModelGateConfig {

    @Bean
    ConfigurerModule readModelGates(ReadModelGate gate) {
        return configurer -> ReadModelProcessors.SUBSCRIBING.keySet().forEach(processor ->
                configurer.eventProcessing().registerHandlerInterceptor(processor,
                        configuration -> gate.interceptor(processor)));
    }
}
