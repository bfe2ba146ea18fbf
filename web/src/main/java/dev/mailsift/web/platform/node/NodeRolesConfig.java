package dev.mailsift.web.platform.node;

import dev.mailsift.web.platform.node.DormantEventSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.web.platform.node.NodeRoles.InvalidNodeRolesException;
import dev.mailsift.web.platform.problem.ProblemType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.lifecycle.Phase;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;

/**
 * What the node's roles change after {@link MailSiftEnvironmentPostProcessor} has applied them to the properties:
 * the dormant event source of a node without {@code projections} (and the check that no streaming processor was
 * left running there), and the 404 answer of a node without {@code api}. The chunk queue's listener is on worker
 * nodes only (command-side {@code PipelineConfig}).
 */
@Configuration(proxyBeanMethods = false)
class NodeRolesConfig {

    @Bean
    NodeRoles nodeRoles(Environment environment) {
        return NodeRoles.parse(environment.getProperty(NodeRoles.PROPERTY, NodeRoles.DEFAULT));
    }

    @Bean(DormantEventSource.BEAN_NAME)
    @ConditionalOnProperty(name = "mailsift.role.projections", havingValue = "false")
    DormantEventSource dormantEventSource() {
        return new DormantEventSource();
    }

    /**
     * A node without {@code projections} runs no deadline scheduler ({@code db-scheduler.enabled=false}), so Axon
     * would fall back to its in-memory deadline manager without a bean for handlers to be given. Declared here, it is
     * the same manager, resolved like any other resource: a grant or a verification's hold handled on an API node gets
     * it. Its deadlines live as long as the node (a verification's hold does; lapsing plan credits are granted on
     * projections nodes, by the billing processor).
     */
    @Bean
    @ConditionalOnProperty(name = "db-scheduler.enabled", havingValue = "false")
    DeadlineManager inMemoryDeadlineManager(org.axonframework.config.Configuration axon) {
        return SimpleDeadlineManager.builder().scopeAwareProvider(axon.scopeAwareProvider()).build();
    }

    /**
     * On a node without {@code projections}, refuses to start if a streaming processor is left (one whose
     * processing group is not declared under {@code axon.eventhandling.processors}, so Axon built its default
     * tracking processor): checked after the processors are built and before any of them starts.
     */
    @Bean
    @ConditionalOnProperty(name = "mailsift.role.projections", havingValue = "false")
    ConfigurerModule noStreamingProcessorsWithoutProjectionsRole() {
        return configurer -> configurer.onInitialize(configuration -> configuration.onStart(
                Phase.INBOUND_EVENT_CONNECTORS - 1,
                () -> assertNoStreamingProcessors(configuration.eventProcessingConfiguration())));
    }

    static void assertNoStreamingProcessors(EventProcessingConfiguration processing) {
        List<String> streaming = processing.eventProcessors().values().stream()
                                           .filter(StreamingEventProcessor.class::isInstance)
                                           .map(processor -> processor.getName())
                                           .sorted()
                                           .toList();
        if (!streaming.isEmpty()) {
            throw new InvalidNodeRolesException("This node has no 'projections' role, yet streaming processor(s) "
                    + streaming + " would start here. Declare every processing group under "
                    + MailSiftEnvironmentPostProcessor.PROCESSORS + " in application.yml.");
        }
    }

    /**
     * A node without {@code api} serves only the actuator (health checks, metrics); everything else, the REST API
     * and the dashboard included, answers 404 with a problem document, before any security filter runs.
     */
    @Bean
    @ConditionalOnProperty(name = "mailsift.role.api", havingValue = "false")
    FilterRegistrationBean<Filter> noApiOnThisNode(ObjectMapper objectMapper, NodeRoles roles) {
        Filter filter = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String path = http.getRequestURI().substring(http.getContextPath().length());
            if (path.equals("/actuator") || path.startsWith("/actuator/")) {
                chain.doFilter(request, response);
                return;
            }
            ProblemDetail problem = ProblemType.NOT_FOUND.toProblem(HttpStatus.NOT_FOUND,
                    "This node does not serve the API (its roles: " + roles + ").");
            problem.setInstance(URI.create(http.getRequestURI()));
            HttpServletResponse reply = (HttpServletResponse) response;
            reply.setStatus(HttpStatus.NOT_FOUND.value());
            reply.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            objectMapper.writeValue(reply.getOutputStream(), problem);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("noApiOnThisNode");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
