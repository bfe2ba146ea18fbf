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

/** The pipeline on PostgreSQL, with chunks going through RabbitMQ's {@code mailsift.chunks} queue. */
@Tag("real-services")
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=" + RealServices.AMQP_URL)
class PostgresRabbitPipelineTest extends PipelineIsolationContract {

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-real-pipeline-"));
        String url = RealServices.freshDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", RealServices::user);
        pipelineProperties(registry);
        // a queue of this run's own: other nodes on the shared broker (benchmarks, other runs) must not take its chunks
        registry.add("mailsift.pipeline.chunk-queue", () -> "mailsift.chunks.test-" + UUID.randomUUID());
        registry.add("mailsift.pipeline.chunk-queue-expires", () -> "PT10M");
    }
}
