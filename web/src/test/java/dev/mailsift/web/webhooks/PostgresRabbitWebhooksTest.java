package dev.mailsift.web.webhooks;

import dev.mailsift.MailSiftApplication;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * Outbound webhooks on PostgreSQL (a database of this class's own) with RabbitMQ: the outbox's claims and the
 * streaming processor on the real store. One context for every webhook test.
 */
@Tag("real-services")
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=amqp://guest:guest@127.0.0.1:5672")
class PostgresRabbitWebhooksTest extends WebhooksContract {

    private static final String POSTGRES = System.getProperty("mailsift.it.postgres",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("mailsift.it.postgres-user", "postgres");

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        String name = "mailsift_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        registry.add("spring.datasource.url", () -> POSTGRES + name + "?reWriteBatchedInserts=true");
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        webhookProperties(registry, Files.createTempDirectory("mailsift-real-webhooks-"));
        // a queue of this run's own: other nodes on the shared broker must not take its chunks
        registry.add("mailsift.pipeline.chunk-queue", () -> "mailsift.chunks.test-" + UUID.randomUUID());
        registry.add("mailsift.pipeline.chunk-queue-expires", () -> "PT10M");
    }
}
