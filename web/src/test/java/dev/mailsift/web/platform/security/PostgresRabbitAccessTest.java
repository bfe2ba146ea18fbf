package dev.mailsift.web.platform.security;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.EmbeddedTestProperties;
import dev.mailsift.web.support.RealServices;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;

/** Accounts and security against the real PostgreSQL and RabbitMQ ({@code ./mvnw verify -Preal-services}). */
@Tag("real-services")
// Closed after the class: its context must not stay a competing consumer of the shared chunk queue while the
// pipeline's real-services test runs in the same JVM.
@DirtiesContext
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=" + RealServices.AMQP_URL)
class PostgresRabbitAccessTest extends AccessContract {

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-access-real-"));
        String url = RealServices.freshDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", RealServices::user);
        AccessContract.register(registry);
    }
}
