package dev.mailsift.web.platform.node;

import dev.mailsift.web.platform.node.DormantEventSource;
import dev.mailsift.web.platform.node.NodeRoles.InvalidNodeRolesException;
import dev.mailsift.web.platform.node.NodeRoles.Role;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses between the embedded default and the real message broker before auto-configuration runs, and applies
 * the node's roles ({@link NodeRoles}).
 * With {@code MAILSIFT_AMQP_URL} set, events are published to RabbitMQ through axon-amqp; without it, no
 * broker connection is configured at all, so a machine with only a JDK starts cleanly.
 * <p>
 * A node without the {@code projections} role gets every streaming processor declared under
 * {@code axon.eventhandling.processors} turned into a subscribing processor on {@link DormantEventSource}, which
 * never delivers an event: the processors (and the pipeline saga) exist, so their query handlers and
 * configuration are as on any node, but never open an event stream, claim a token or load a saga. The deadline
 * scheduler (db-scheduler) is switched off there too. See docs/decisions/0023-node-roles.md.
 */
public class MailSiftEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String AMQP_URL = "MAILSIFT_AMQP_URL";
    static final String PROCESSORS = "axon.eventhandling.processors";
    private static final String RABBIT_AUTO_CONFIGURATION =
            "org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration";
    private static final String AXON_AMQP_AUTO_CONFIGURATION =
            "org.axonframework.extensions.amqp.autoconfig.AMQPAutoConfiguration";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = new LinkedHashMap<>();
        String amqpUrl = environment.getProperty(AMQP_URL, "").strip();
        NodeRoles roles = NodeRoles.parse(environment.getProperty(NodeRoles.PROPERTY, NodeRoles.DEFAULT));
        if (amqpUrl.isEmpty()) {
            if (!roles.worker()) {
                throw new InvalidNodeRolesException("mailsift.roles (MAILSIFT_ROLES) = '" + roles
                        + "' leaves out 'worker', but without MAILSIFT_AMQP_URL chunks of work are verified in "
                        + "this process only: nobody else could take them. Add 'worker', or set MAILSIFT_AMQP_URL "
                        + "so that worker nodes share the RabbitMQ chunk queue.");
            }
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
        derived.put(NodeRoles.PROPERTY, roles.toString());
        for (Role role : Role.values()) {
            derived.put(role.flagProperty(), Boolean.toString(roles.has(role)));
        }
        if (!roles.projections()) {
            derived.put("db-scheduler.enabled", "false");
            Binder.get(environment)
                  .bind(PROCESSORS, Bindable.mapOf(String.class, EventProcessorProperties.ProcessorSettings.class))
                  .orElse(Map.of())
                  .forEach((name, settings) -> {
                      if (settings.getMode() != EventProcessorProperties.Mode.SUBSCRIBING) {
                          derived.put(PROCESSORS + "." + name + ".mode", "subscribing");
                          derived.put(PROCESSORS + "." + name + ".source", DormantEventSource.BEAN_NAME);
                      }
                  });
        }
        environment.getPropertySources().addFirst(new MapPropertySource("mailsift-derived", derived));
    }
}
