package dev.mailsift.web.platform.security;

import dev.mailsift.web.platform.security.ServiceSecrets;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.RealServices;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestNodes;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.SecretKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes on one PostgreSQL database without MAILSIFT_JWT_SECRET share the secret the first one stored there. */
@Tag("real-services")
class SharedDatabaseServiceSecretTest {

    private static final String PASSWORD = "correct horse battery";

    private final String database = RealServices.freshDatabase();
    private final String queue = "mailsift.chunks.test-secret-" + UUID.randomUUID();
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.reversed().forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aTokenMintedByOneNodeIsAcceptedByTheOtherBecauseBothUseTheSecretStoredInTheDatabase() throws Exception {
        ConfigurableApplicationContext first = start();
        ConfigurableApplicationContext second = start();
        ApiClient firstApi = new ApiClient(TestNodes.port(first));
        ApiClient secondApi = new ApiClient(TestNodes.port(second));
        String email = TestAccounts.uniqueEmail().toLowerCase();

        String mintedByFirst = firstApi.signUp(email, PASSWORD).token();
        String mintedBySecond = secondApi.signIn(email, PASSWORD);

        assertThat(secondApi.get("/api/v1/account", mintedByFirst).status()).isEqualTo(200);
        assertThat(firstApi.get("/api/v1/account", mintedBySecond).status()).isEqualTo(200);
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        List<String> stored = jdbc.queryForList("SELECT secret FROM service_secret", String.class);
        assertThat(stored).hasSize(1);
        SecretKey storedKey = Keys.hmacShaKeyFor(Decoders.BASE64.decode(stored.getFirst()));
        for (String token : List.of(mintedByFirst, mintedBySecond)) {
            assertThat(Jwts.parser().verifyWith(storedKey).build().parseSignedClaims(token).getPayload().getSubject())
                    .as("signed with the stored secret").isNotBlank();
        }
        for (ConfigurableApplicationContext node : nodes) {
            assertThat(node.getBean(ServiceSecrets.class).origin()).isEqualTo(ServiceSecrets.Origin.DATABASE);
        }
    }

    /** A node of this test's database and chunk queue, with a data directory of its own and no configured secret. */
    private ConfigurableApplicationContext start() throws Exception {
        Path dataDir = Files.createTempDirectory("mailsift-shared-secret-");
        Map<String, String> settings = TestNodes.realServicesSettings(dataDir, database, queue);
        settings.remove("mailsift.security.jwt-secret");
        settings.put("spring.datasource.hikari.maximum-pool-size", "5");
        ConfigurableApplicationContext node = TestNodes.start(settings);
        nodes.add(node);
        assertThat(dataDir.resolve("secrets")).as("nothing kept on one node's disk").doesNotExist();
        return node;
    }
}
