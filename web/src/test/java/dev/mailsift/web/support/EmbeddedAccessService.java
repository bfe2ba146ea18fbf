package dev.mailsift.web.support;

import dev.mailsift.MailSiftApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Accounts and security on the embedded default, with mail going to an in-process GreenMail server. Every access
 * topic class extends this, inheriting its one {@code @DynamicPropertySource}: they share one cached context.
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EmbeddedAccessService extends AccessService {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-access-"));
        AccessContract.register(registry);
    }
}
