package dev.mailsift.web.webhooks;

import dev.mailsift.MailSiftApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;

/** Outbound webhooks on the embedded default: H2, in-process messaging. One context for every webhook test. */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedWebhooksTest extends WebhooksContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("mailsift-webhooks-");
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dataDir.resolve("mailsift")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        webhookProperties(registry, dataDir);
    }
}
