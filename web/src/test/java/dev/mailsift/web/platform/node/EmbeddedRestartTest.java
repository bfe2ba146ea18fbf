package dev.mailsift.web.platform.node;

import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.EmbeddedTestProperties;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestNodes;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps its data across a restart, and the operator bootstrap runs once. */
class EmbeddedRestartTest {

    @Test
    void dataSurvivesARestartAndTheOperatorAccountIsCreatedOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("mailsift-restart-");
        String email = TestAccounts.uniqueEmail();

        try (ConfigurableApplicationContext first = start(dataDir)) {
            ApiClient api = new ApiClient(TestNodes.port(first));
            api.signUp(email, "correct horse battery");
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            ApiClient api = new ApiClient(TestNodes.port(second));
            String token = api.signIn(email, "correct horse battery");
            assertThat(api.get("/api/v1/account", token).json().get("email").asText())
                    .isEqualTo(email.toLowerCase());
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_email WHERE email = ?", Long.class,
                    TestAccounts.ADMIN_EMAIL)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry "
                    + "WHERE payloadtype = 'dev.mailsift.api.user.UserRegistered'", Long.class)).isEqualTo(2);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        Map<String, String> properties = Map.of(
                "server.port", "0",
                "spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("mailsift")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE",
                "mailsift.data-dir", dataDir.toString(),
                "mailsift.admin.email", TestAccounts.ADMIN_EMAIL,
                "mailsift.admin.password", TestAccounts.ADMIN_PASSWORD,
                "mailsift.security.jwt-secret", EmbeddedTestProperties.JWT_SECRET);
        return TestNodes.start(properties);
    }
}
