package dev.mailsift.web.platform.security;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.EmbeddedTestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;

/** Accounts and security on the embedded default, with mail going to an in-process GreenMail server. */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedAccessTest extends AccessContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-access-"));
        AccessContract.register(registry);
    }
}
