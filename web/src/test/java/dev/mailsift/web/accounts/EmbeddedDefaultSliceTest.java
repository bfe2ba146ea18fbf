package dev.mailsift.web.accounts;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.EmbeddedTestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The slice on the embedded default: H2 file database, in-process buses, nothing outside the JVM. */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultSliceTest extends AccountSliceContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-embedded-"));
    }
}
