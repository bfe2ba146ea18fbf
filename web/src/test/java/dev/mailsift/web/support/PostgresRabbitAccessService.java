package dev.mailsift.web.support;

import dev.mailsift.MailSiftApplication;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Accounts and security against the real PostgreSQL and RabbitMQ ({@code ./mvnw verify -Preal-services}). Every
 * access topic class extends this and so shares its one context; {@link SharedContextOrder} runs them one after
 * another, and the context is closed after the last of them: it must not stay a competing consumer of the shared
 * chunk queue while the pipeline's real-services tests run in the same JVM.
 */
@Tag("real-services")
@TestExecutionListeners(listeners = SharedContextOrder.ClosesAfterLastOfGroup.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=" + RealServices.AMQP_URL)
public abstract class PostgresRabbitAccessService extends AccessService {

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        RealServices.register(registry, "mailsift-access-real-");
        AccessContract.register(registry);
    }
}
