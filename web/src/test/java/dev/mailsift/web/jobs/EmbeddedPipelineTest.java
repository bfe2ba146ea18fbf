package dev.mailsift.web.jobs;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.EmbeddedTestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;

/** The pipeline on the embedded default: H2, in-process chunk workers, blobs on local disk. */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedPipelineTest extends PipelineIsolationContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-pipeline-"));
        pipelineProperties(registry);
    }
}
