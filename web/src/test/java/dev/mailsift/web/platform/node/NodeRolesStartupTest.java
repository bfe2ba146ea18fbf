package dev.mailsift.web.platform.node;

import dev.mailsift.web.platform.node.NodeRoles;
import dev.mailsift.web.platform.node.NodeRoles.InvalidNodeRolesException;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.TestNodes;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code MAILSIFT_ROLES} on the embedded default: parsing, the refusals at start-up, and a node without roles. */
class NodeRolesStartupTest {

    @Test
    void rolesAreACommaSeparatedSubsetOfApiWorkerAndProjections() {
        assertThat(NodeRoles.parse("api,worker,projections").toString()).isEqualTo("api,worker,projections");
        assertThat(NodeRoles.parse(" Worker , projections ").toString()).isEqualTo("worker,projections");
        assertThat(NodeRoles.parse("api").api()).isTrue();
        assertThat(NodeRoles.parse("api").worker()).isFalse();
        assertThatThrownBy(() -> NodeRoles.parse(" , ")).isInstanceOf(InvalidNodeRolesException.class)
                                                        .hasMessageContaining("No role given");
    }

    @Test
    void anUnknownRoleFailsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> start(Map.of("mailsift.roles", "api,wroker")))
                .isInstanceOf(InvalidNodeRolesException.class)
                .hasMessageContaining("Unknown role(s) [wroker]")
                .hasMessageContaining("MAILSIFT_ROLES")
                .hasMessageContaining("api, worker, projections");
    }

    @Test
    void theEmbeddedDefaultWithoutTheWorkerRoleFailsTheStart() {
        assertThatThrownBy(() -> start(Map.of("mailsift.roles", "api,projections")))
                .isInstanceOf(InvalidNodeRolesException.class)
                .hasMessageContaining("leaves out 'worker'")
                .hasMessageContaining("MAILSIFT_AMQP_URL");
    }

    @Test
    void aWorkerOnlyNodeServesNoApiAndRunsNoStreamingProcessorSagaOrScheduler() throws Exception {
        try (ConfigurableApplicationContext node = start(Map.of("mailsift.roles", "worker"))) {
            ApiClient api = new ApiClient(TestNodes.port(node));
            Reply account = api.get("/api/v1/account", null);
            assertThat(account.status()).isEqualTo(404);
            assertThat(account.contentType()).startsWith("application/problem+json");
            assertThat(account.json().get("type").asText()).isEqualTo("urn:mailsift:problem:not-found");
            assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(404);
            assertThat(api.get("/", null).status()).isEqualTo(404);
            assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);

            Map<String, EventProcessor> processors =
                    node.getBean(EventProcessingConfiguration.class).eventProcessors();
            assertThat(processors).containsKeys("accounts", "jobs", "JobPipelineSagaProcessor", "suspensions",
                    "credentials", "access");
            assertThat(processors.values()).noneMatch(StreamingEventProcessor.class::isInstance)
                                           .allMatch(SubscribingEventProcessor.class::isInstance);
            // no token was ever created or claimed, no deadline scheduler runs
            assertThat(node.getBean(JdbcTemplate.class).queryForObject("select count(*) from tokenentry",
                    Integer.class)).isZero();
            assertThat(node.getBeanNamesForType(com.github.kagkarlsson.scheduler.Scheduler.class)).isEmpty();
            // commands are still handled here, the subscribing processors in their transaction: the operator
            // registered at start-up has its credentials row (the 'credentials' processor ran on this node)
            await().atMost(Duration.ofSeconds(10)).until(() -> node.getBean(JdbcTemplate.class).queryForObject(
                    "select count(*) from user_credentials", Integer.class) == 1);
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> extra) throws Exception {
        Map<String, String> settings = TestNodes.embeddedSettings(Files.createTempDirectory("mailsift-roles-"));
        settings.putAll(extra);
        return TestNodes.start(settings);
    }
}
