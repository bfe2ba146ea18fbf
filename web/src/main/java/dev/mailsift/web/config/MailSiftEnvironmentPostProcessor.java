package dev.mailsift.web.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses between the embedded default and the real message broker before auto-configuration runs.
 * With {@code MAILSIFT_AMQP_URL} set, events are published to RabbitMQ through axon-amqp; without it, no
 * broker connection is configured at all, so a machine with only a JDK starts cleanly.
 */
public class MailSiftEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String AMQP_URL = "MAILSIFT_AMQP_URL";
    private static final String RABBIT_AUTO_CONFIGURATION =
            "org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration";
    private static final String AXON_AMQP_AUTO_CONFIGURATION =
            "org.axonframework.extensions.amqp.autoconfig.AMQPAutoConfiguration";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new LinkedHashMap<>();
        String amqpUrl = environment.getProperty(AMQP_URL, "").strip();
        if (amqpUrl.isEmpty()) {
            String excluded = environment.getProperty("spring.autoconfigure.exclude", "");
            derived.put("spring.autoconfigure.exclude",
                    (excluded.isBlank() ? "" : excluded + ",") + RABBIT_AUTO_CONFIGURATION + ","
                            + AXON_AMQP_AUTO_CONFIGURATION);
            derived.put("mailsift.amqp.enabled", "false");
        } else {
            derived.put("spring.rabbitmq.addresses", amqpUrl);
            derived.put("axon.amqp.exchange", environment.getProperty("mailsift.amqp.events-exchange",
                    "mailsift.events"));
            derived.put("mailsift.amqp.enabled", "true");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("mailsift-derived", derived));
    }
}
