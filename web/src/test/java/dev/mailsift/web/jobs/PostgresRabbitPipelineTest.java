package dev.mailsift.web.jobs;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.RealServices;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The pipeline on PostgreSQL, with chunks going through RabbitMQ's {@code mailsift.chunks} queue. */
@Tag("real-services")
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "MAILSIFT_AMQP_URL=" + RealServices.AMQP_URL)
class PostgresRabbitPipelineTest extends PipelineIsolationContract {

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) throws Exception {
        RealServices.register(registry, "mailsift-real-pipeline-");
        pipelineProperties(registry);
        RealServices.registerOwnChunkQueue(registry);
    }
}
