package dev.mailsift.web.accounts;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.RealServices;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The slice against the real PostgreSQL event store and RabbitMQ, plus proof that events reach the broker.
 * Run by {@code ./mvnw verify -Preal-services} (which .ci/run does).
 */
@Tag("real-services")
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=" + RealServices.AMQP_URL)
class PostgresRabbitSliceTest extends AccountSliceContract {

    @Autowired
    RabbitAdmin rabbitAdmin;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    TopicExchange eventsExchange;
    @Autowired
    EventStore events;
    @Autowired
    TransactionManager transactionManager;

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        RealServices.register(registry, "mailsift-real-");
    }

    @Test
    void theDatabaseIsPostgresql() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("SELECT data_type FROM information_schema.columns "
                + "WHERE table_name = 'domainevententry' AND column_name = 'payload'", String.class))
                .isEqualTo("bytea");
    }

    @Test
    void everyEventIsPublishedToTheEventsExchange() {
        Queue queue = new AnonymousQueue();
        rabbitAdmin.declareQueue(queue);
        rabbitAdmin.declareBinding(BindingBuilder.bind(queue).to(eventsExchange).with("dev.mailsift.api.user"));

        String email = uniqueEmail();
        api.post("/api/v1/users", null, Map.of("email", email, "password", "correct horse battery"));

        Message message = rabbit.receive(queue.getName(), 10_000);
        assertThat(message).as("UserRegistered on the broker").isNotNull();
        assertThat(message.getMessageProperties().getHeaders().get("axon-message-type"))
                .isEqualTo("dev.mailsift.api.user.UserRegistered");
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains(email.toLowerCase());
        rabbitAdmin.deleteQueue(queue.getName());
    }

    /** The broker carries facts only: what the event store rolled back was never published. */
    @Test
    void anEventWhoseUnitOfWorkRollsBackNeverReachesTheBroker() {
        // not auto-deleted with its first consumer: it is read twice
        Queue queue = new Queue("mailsift.test.broker-probes-" + UUID.randomUUID(), false, true, false);
        rabbitAdmin.declareQueue(queue);
        rabbitAdmin.declareBinding(BindingBuilder.bind(queue).to(eventsExchange)
                                                 .with(BrokerProbe.class.getPackageName()));

        UnitOfWork<?> rolledBack = DefaultUnitOfWork.startAndGet(null);
        rolledBack.attachTransaction(transactionManager);
        events.publish(GenericEventMessage.asEventMessage(new BrokerProbe("rolled back")));
        rolledBack.onPrepareCommit(unitOfWork -> {
            throw new IllegalStateException("a conflict found while committing");
        });
        assertThatThrownBy(rolledBack::commit).hasMessageContaining("conflict");
        UnitOfWork<?> committed = DefaultUnitOfWork.startAndGet(null);
        committed.attachTransaction(transactionManager);
        events.publish(GenericEventMessage.asEventMessage(new BrokerProbe("committed")));
        committed.commit();

        Message first = rabbit.receive(queue.getName(), 10_000);
        assertThat(first).as("the committed probe on the broker").isNotNull();
        assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).contains("committed")
                                                                       .doesNotContain("rolled back");
        assertThat(rabbit.receive(queue.getName(), 1_000)).isNull();
        rabbitAdmin.deleteQueue(queue.getName());
    }

    /** An event no handler takes, published only by the test above. */
    record BrokerProbe(String note) {
    }
}
