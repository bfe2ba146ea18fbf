package dev.mailsift.web.audit;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.RealServices;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export of 100,000 stored events from PostgreSQL streams every one of them, in order, while the service's heap
 * keeps far less than the export reachable: rows are read with a cursor and written as they come. Prints the
 * figures. Its own database, without a broker; the context is closed after it.
 */
@Tag("real-services")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresAuditExportTest {

    static final int AGGREGATES = 1_000;
    static final int EVENTS_EACH = 100;

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void realDatabase(DynamicPropertyRegistry registry) throws Exception {
        RealServices.register(registry, "mailsift-audit-export-");
    }

    @Test
    void anExportOfAHundredThousandEventsStreamsThemAllInOrderInBoundedMemory() throws Exception {
        store();
        String admin = new ApiClient(port).signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/audit/events?type=ExternalIdentityLinked"))
                .header("Authorization", "Bearer " + admin).header("Accept", "application/x-ndjson")
                .timeout(Duration.ofMinutes(5)).build();

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong halfWay = new AtomicLong(heapBefore);
        long started = System.nanoTime();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        long lines = 0;
        long bytes = 0;
        long lastPosition = 0;
        try (Stream<String> body = response.body()) {
            for (String line : (Iterable<String>) body::iterator) {
                lines++;
                bytes += line.length() + 1;
                int at = line.indexOf("\"position\":") + "\"position\":".length();
                long position = Long.parseLong(line.substring(at, line.indexOf(',', at)));
                assertThat(position).isGreaterThan(lastPosition);
                lastPosition = position;
                if (lines == 50_000) {
                    // half-way: what stays reachable once the garbage is collected
                    System.gc();
                    halfWay.set(memory.getHeapMemoryUsage().getUsed());
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long growth = halfWay.get() - heapBefore;
        System.out.printf("audit export: %d events, %.1f MB of NDJSON in %.2f s (%.0f events/s); "
                        + "live heap half-way through, over the live heap before: %.1f MB%n",
                lines, bytes / 1e6, seconds, lines / seconds, growth / 1e6);
        assertThat(lines).isEqualTo((long) AGGREGATES * EVENTS_EACH);
        // the export is tens of megabytes: the service holding it whole (as JSON trees, before writing) would show here
        assertThat(growth).isLessThan(bytes / 2);
    }

    /** 100,000 events of the shape of {@code ExternalIdentityLinked}, which no processor handles. */
    private void store() {
        Instant at = Instant.now().minusSeconds(3600);
        for (int aggregate = 0; aggregate < AGGREGATES; aggregate++) {
            String userId = "export-" + aggregate;
            List<Object[]> rows = new ArrayList<>();
            for (int sequence = 0; sequence < EVENTS_EACH; sequence++) {
                String payload = "{\"userId\":\"" + userId + "\",\"provider\":\"google\",\"subject\":\"" + sequence
                        + "\",\"email\":\"" + userId + "@example.com\",\"linkedAt\":\"" + at + "\"}";
                rows.add(new Object[]{userId, sequence, UUID.randomUUID().toString(),
                        ("{\"actor\":\"system\",\"traceId\":\"" + UUID.randomUUID() + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        payload.getBytes(StandardCharsets.UTF_8), DateTimeUtils.formatInstant(at)});
            }
            jdbc.batchUpdate("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, "
                    + "eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                    + "VALUES (?, ?, 'User', ?, ?, ?, NULL, 'dev.mailsift.api.user.ExternalIdentityLinked', ?)", rows);
        }
    }
}
