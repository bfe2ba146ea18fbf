package dev.mailsift.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.web.support.ApiClient.Reply;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every accounts-and-security contract over HTTP builds on: the service it talks to and the helpers several
 * topics share. A topic is an interface of default {@code @Test} methods extending this one; it runs on the
 * embedded default and on the real PostgreSQL and RabbitMQ by extending {@link EmbeddedAccessService} or
 * {@link PostgresRabbitAccessService}, so all topics of one environment share one application context.
 */
public interface AccessContract {

    String PASSWORD = "correct horse battery";
    ObjectMapper JSON = new ObjectMapper();
    String ALLOWED_ORIGIN = "https://app.mailsift.test";
    /** The scrape credential the access contexts configure for {@code /actuator/prometheus}. */
    String METRICS_TOKEN = "scrape-credential-for-tests";

    /** What the access contexts add to the base test properties. */
    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        registry.add("mailsift.security.cors-origins", () -> ALLOWED_ORIGIN);
        // Spring Boot's tests export no metrics by default; the access contexts serve /actuator/prometheus to
        // prove who may read it
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        registry.add("mailsift.security.metrics-token", () -> METRICS_TOKEN);
        registry.add("spring.security.oauth2.client.registration.google.client-id", () -> TestOidcServer.CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.google.client-secret", () -> "test-secret");
        registry.add("spring.security.oauth2.client.registration.google.scope", () -> "openid,email,profile");
        registry.add("spring.security.oauth2.client.provider.google.issuer-uri", TestOidcServer::issuer);
        // a hole in the global positions (a rolled-back append) holds sealing back this long: IntegrityContract
        registry.add("mailsift.audit.gap-timeout", () -> "2s");
    }

    /** A client of the running service, new for each test. */
    ApiClient api();

    /** The service's own database, to check what it stored. */
    JdbcTemplate jdbc();

    /** The service's own blob store (files or S3), to check what it wrote out of the database. */
    BlobStore blobs();

    int port();

    default Reply refresh(String cookie) {
        return api().post("/api/v1/auth/refresh", null, Map.of(),
                Map.of("Cookie", "ms_refresh=" + cookie, "X-MailSift-CSRF", "1"));
    }

    static String cookieValue(String setCookie) {
        assertThat(setCookie).startsWith("ms_refresh=");
        return setCookie.substring("ms_refresh=".length(), setCookie.indexOf(';'));
    }

    /** The metadata of the user's latest event of {@code type} (whose payload contains {@code marker}, if given). */
    default JsonNode metadataOf(String userId, String type, String marker) throws Exception {
        List<Map<String, Object>> rows = jdbc().queryForList("SELECT payload, metadata FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype = ? ORDER BY sequencenumber DESC", userId,
                "dev.mailsift.api.user." + type);
        for (Map<String, Object> row : rows) {
            String payload = new String((byte[]) row.get("payload"), StandardCharsets.UTF_8);
            if (marker == null || payload.contains(marker)) {
                return JSON.readTree((byte[]) row.get("metadata"));
            }
        }
        throw new AssertionError("no " + type + " event for " + userId);
    }

    static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
