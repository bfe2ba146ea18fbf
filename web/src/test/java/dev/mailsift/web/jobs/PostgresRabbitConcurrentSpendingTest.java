package dev.mailsift.web.jobs;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.EmbeddedTestProperties;
import dev.mailsift.web.support.RealServices;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.util.UUID;

/** Concurrent spending on PostgreSQL (rate-limit rows, db-scheduler deadlines) with RabbitMQ. */
@Tag("real-services")
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=" + RealServices.AMQP_URL)
class PostgresRabbitConcurrentSpendingTest extends ConcurrentSpendingContract {

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-real-spending-"));
        String url = RealServices.freshDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", RealServices::user);
        spendingProperties(registry);
        registry.add("mailsift.pipeline.chunk-queue", () -> "mailsift.chunks.test-" + UUID.randomUUID());
        registry.add("mailsift.pipeline.chunk-queue-expires", () -> "PT10M");
    }
}
