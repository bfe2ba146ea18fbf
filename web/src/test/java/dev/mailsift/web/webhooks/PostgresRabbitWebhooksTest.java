package dev.mailsift.web.webhooks;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.RealServices;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;

/**
 * Outbound webhooks on PostgreSQL (a database of this class's own) with RabbitMQ: the outbox's claims and the
 * streaming processor on the real store. One context for every webhook test.
 */
@Tag("real-services")
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=amqp://guest:guest@127.0.0.1:5672")
class PostgresRabbitWebhooksTest extends WebhooksContract {

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        RealServices.registerFreshDatabase(registry);
        webhookProperties(registry, Files.createTempDirectory("mailsift-real-webhooks-"));
        RealServices.registerOwnChunkQueue(registry);
    }
}
