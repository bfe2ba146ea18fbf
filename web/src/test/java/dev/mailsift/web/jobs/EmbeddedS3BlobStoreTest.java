package dev.mailsift.web.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.MailSiftApplication;
import dev.mailsift.api.job.JobCompleted;
import dev.mailsift.command.platform.blob.BlobKeys;
import dev.mailsift.command.platform.blob.BlobStore;
import dev.mailsift.command.platform.blob.S3BlobStore;
import dev.mailsift.command.platform.blob.support.S3ProxyServer;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.EmbeddedTestProperties;
import dev.mailsift.web.support.TestAccounts;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service booted on the embedded default but with its blobs in S3 (S3Proxy in-process, checking every
 * signature): uploads land in the bucket, results are downloaded from it through presigned links, avatars work.
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedS3BlobStoreTest {

    /** Started once per JVM, like the DNS and SMTP stand-ins; the cached context may outlive this class. */
    static final S3ProxyServer S3;
    static final String BUCKET = "mailsift-e2e";
    static final Path DATA_DIR;

    static {
        try {
            S3 = S3ProxyServer.start();
            DATA_DIR = Files.createTempDirectory("mailsift-s3-");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void embeddedWithS3(DynamicPropertyRegistry registry) {
        EmbeddedTestProperties.register(registry, DATA_DIR);
        PipelineContract.pipelineProperties(registry);
        registry.add("mailsift.s3.bucket", () -> BUCKET); // missing: the service creates it at start
        registry.add("mailsift.s3.endpoint", () -> S3.endpoint().toString());
        // links name another host than the service uses, as browsers and a compose network would
        registry.add("mailsift.s3.public-endpoint", () -> "http://127.0.0.1:" + S3.port());
        registry.add("mailsift.s3.access-key", () -> S3ProxyServer.ACCESS_KEY);
        registry.add("mailsift.s3.secret-key", S3::secretKey);
    }

    @LocalServerPort
    int port;
    @Autowired
    BlobStore blobs;
    @Autowired
    EventStore events;
    ApiClient api;
    final HttpClient browser = HttpClient.newHttpClient(); // follows no redirect: each hop is checked

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void resultsAreDownloadedFromTheBucketThroughAPresignedLink() throws Exception {
        assertThat(blobs).isInstanceOf(S3BlobStore.class);
        String token = operatorWithCredits(100);
        Reply submitted = api.upload("/api/v1/jobs", token, "contacts.csv",
                PipelineContract.LIST.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(submitted.status()).isEqualTo(202);
        String jobId = submitted.json().get("id").asText();
        assertThat(awaitFinished(token, jobId).get("status").asText()).isEqualTo("completed");

        Reply redirect = api.get("/api/v1/jobs/" + jobId + "/results?format=csv", token);
        assertThat(redirect.status()).isEqualTo(303);
        assertThat(redirect.header("Cache-Control")).contains("no-store");
        URI link = URI.create(redirect.header("Location"));
        assertThat(link.getHost()).isEqualTo("127.0.0.1");
        assertThat(link.getPath()).isEqualTo("/" + BUCKET + "/" + BlobKeys.resultsCsv(jobId));
        assertThat(link.getRawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=600");

        HttpResponse<String> csv = browser.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"contacts-results.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).startsWith("name,email,note,status,reason,");
        assertThat(lines.get(1)).startsWith("Ada,ada@inbox-one.com,\"'=HYPERLINK(\"\"x\"\")\",deliverable,accepted,");
        assertThat(lines.get(2)).startsWith("Bob,bob@inbox-one.com,gone,undeliverable,mailbox_not_found,");

        // the XLSX is not stored: the node makes it from the CSV in the bucket as it streams
        HttpResponse<byte[]> xlsx = browser.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/jobs/" + jobId + "/results?format=xlsx"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename=\"contacts-results.xlsx\"");
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");

        // the upload and the results are in the bucket, the work files are gone, nothing is on local disk
        assertThat(blobs.exists(BlobKeys.upload(jobId, ".csv"))).isTrue();
        assertThat(blobs.exists(BlobKeys.resultsCsv(jobId))).isTrue();
        assertThat(blobs.exists("validation/completed/" + jobId + "/results.xlsx")).isFalse();
        assertThat(blobs.exists(BlobKeys.checkList(jobId))).isFalse();
        assertThat(blobs.exists(BlobKeys.chunkVerdicts(jobId, 0))).isFalse();
        assertThat(DATA_DIR.resolve("blobs")).doesNotExist();
    }

    /**
     * A job finished before XLSX files were made on request stored one and names it in its {@code JobCompleted}:
     * that file is still what its owner downloads, through a presigned link. The event is appended as such a job's
     * was stored.
     */
    @Test
    void aJobThatStoredItsXlsxBeforeXlsxWasMadeOnRequestStillServesThatFile() throws Exception {
        String token = operatorWithCredits(100);
        String jobId = api.upload("/api/v1/jobs", token, "contacts.csv",
                PipelineContract.LIST.getBytes(StandardCharsets.UTF_8), Map.of()).json().get("id").asText();
        assertThat(awaitFinished(token, jobId).get("status").asText()).isEqualTo("completed");
        String storedXlsx = "validation/completed/" + jobId + "/results.xlsx";
        byte[] stored = "PK stored before decision 0050".getBytes(StandardCharsets.US_ASCII);
        blobs.put(storedXlsx, stored);
        DomainEventMessage<?> last = events.readEvents(jobId).asStream()
                                           .reduce((first, second) -> second).orElseThrow();
        JobCompleted completed = events.readEvents(jobId).asStream().map(Message::getPayload)
                                       .filter(JobCompleted.class::isInstance).map(JobCompleted.class::cast)
                                       .findFirst().orElseThrow();
        events.publish(new GenericDomainEventMessage<>(last.getType(), jobId, last.getSequenceNumber() + 1,
                new JobCompleted(completed.jobId(), completed.userId(), completed.counts(),
                        completed.creditsCaptured(), completed.creditsReleased(), completed.resultsCsvKey(),
                        storedXlsx, completed.completedAt())));

        Reply[] redirect = new Reply[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            redirect[0] = api.get("/api/v1/jobs/" + jobId + "/results?format=xlsx", token);
            return redirect[0].status() == 303;
        });
        URI link = URI.create(redirect[0].header("Location"));
        assertThat(link.getPath()).isEqualTo("/" + BUCKET + "/" + storedXlsx);
        HttpResponse<byte[]> xlsx = browser.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.body()).isEqualTo(stored);
    }

    @Test
    void anAvatarIsStoredInTheBucketAndServedBack() throws Exception {
        String token = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery").token();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", png);

        Reply uploaded = api.upload("/api/v1/account/avatar", token, "file", "me.png", "image/png",
                png.toByteArray(), "PUT");
        assertThat(uploaded.status()).isEqualTo(200);

        HttpResponse<byte[]> served = browser.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/account/avatar"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(served.body()));
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(30);
        assertThat(DATA_DIR.resolve("blobs")).doesNotExist();
    }

    private String operatorWithCredits(long credits) {
        String token = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        String id = api.get("/api/v1/account", token).json().get("id").asText();
        Reply granted = api.post("/api/v1/admin/users/" + id + "/credits", token,
                Map.of("amount", credits, "reason", "test"));
        assertThat(granted.status()).isBetween(200, 299);
        return token;
    }

    private JsonNode awaitFinished(String token, String jobId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = api.get("/api/v1/jobs/" + jobId, token).json();
            return List.of("completed", "rejected", "failed", "cancelled").contains(last[0].get("status").asText());
        });
        return last[0];
    }
}
