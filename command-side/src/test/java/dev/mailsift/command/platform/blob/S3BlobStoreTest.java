package dev.mailsift.command.platform.blob;

import dev.mailsift.command.platform.blob.support.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 blob store against a real S3 server (S3Proxy, in-process) that checks every signature. */
class S3BlobStoreTest {

    private static final String CSV = "name,email,status\nAda,ada@example.com,deliverable\n";

    private static S3ProxyServer server;
    private static String bucket;
    private static S3BlobStore store;
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        bucket = "blobs-" + UUID.randomUUID();
        store = new S3BlobStore(server.settings(bucket).withPartSize(DataSize.ofMegabytes(5))).ensureBucket();
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        server.close();
    }

    @Test
    void whatIsPutComesBackAndOnlyWhatIsPutExists() throws Exception {
        String key = BlobKeys.resultsCsv(UUID.randomUUID().toString());
        assertThat(store.exists(key)).isFalse();

        store.put(key, file("results.csv", CSV));

        assertThat(store.exists(key)).isTrue();
        try (InputStream in = store.open(key)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CSV);
        }
        assertThat(store.exists(key + ".other")).isFalse();
        assertThatThrownBy(() -> store.open(key + ".other")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aSecondPutReplacesTheContent() throws Exception {
        String key = "avatars/" + UUID.randomUUID() + "/a.png";
        store.put(key, file("first.png", "first"));
        store.put(key, file("second.png", "second"));
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo("second".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void smallBlobsGoUpFromMemoryAndADeletedBlobIsGone() throws Exception {
        String key = BlobKeys.chunkVerdicts(UUID.randomUUID().toString(), 3);
        store.put(key, "[{\"row\":1}]".getBytes(StandardCharsets.UTF_8));
        try (InputStream in = store.open(key)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[{\"row\":1}]");
        }

        store.delete(key);

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
        store.delete(key); // nothing there: nothing happens
    }

    @Test
    void keysThatCouldEscapeTheLayoutAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> store.exists("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("/abs/key", dir)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.downloadUrl("a/../b", "x.csv", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingBucketIsCreatedAtStartAndAnExistingOneIsKept() throws Exception {
        String bucket = "fresh-" + UUID.randomUUID();
        try (S3BlobStore fresh = new S3BlobStore(server.settings(bucket)).ensureBucket()) {
            fresh.put("validation/uploaded/x/list.csv", file("list.csv", CSV));
        }
        try (S3BlobStore again = new S3BlobStore(server.settings(bucket)).ensureBucket()) {
            assertThat(again.exists("validation/uploaded/x/list.csv")).isTrue();
        }
    }

    @Test
    void aWrongSecretIsRefusedByTheServer() throws Exception {
        S3Properties right = server.settings("blobs-" + UUID.randomUUID());
        S3Properties wrong = new S3Properties(right.bucket(), null, right.endpoint(), null, right.accessKey(),
                "not-the-secret", null, false, null);
        try (S3BlobStore impostor = new S3BlobStore(wrong)) {
            assertThatThrownBy(() -> impostor.put("a/b.csv", file("b.csv", CSV)))
                    .isInstanceOf(IOException.class)
                    .cause().isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void aPresignedLinkDownloadsTheBytesUnderTheNameAndTypeAsked() throws Exception {
        String key = BlobKeys.resultsCsv(UUID.randomUUID().toString());
        store.put(key, file("results.csv", CSV));

        URI link = store.downloadUrl(key, "Kundenliste \"März\"-results.csv", Duration.ofMinutes(10)).orElseThrow();
        HttpResponse<byte[]> response = get(link);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(CSV);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"Kundenliste _M_rz_-results.csv\"; "
                        + "filename*=UTF-8''Kundenliste%20%22M%C3%A4rz%22-results.csv");
    }

    @Test
    void aTamperedOrExpiredLinkIsRefused() throws Exception {
        String key = BlobKeys.resultsCsv(UUID.randomUUID().toString());
        String otherKey = BlobKeys.resultsCsv(UUID.randomUUID().toString());
        store.put(key, file("results.csv", CSV));
        store.put(otherKey, file("other.csv", "someone else's results"));
        String link = store.downloadUrl(key, "results.csv", Duration.ofMinutes(10)).orElseThrow().toString();
        assertThat(get(URI.create(link)).statusCode()).isEqualTo(200);

        String signature = link.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        assertThat(get(URI.create(link.replace(signature, flipped))).statusCode()).isEqualTo(403);
        assertThat(get(URI.create(link.replace(key, otherKey))).statusCode()).isEqualTo(403);
        assertThat(get(URI.create(link.replace("results.csv%22", "results.exe%22"))).statusCode()).isEqualTo(403);

        URI shortLived = store.downloadUrl(key, "results.csv", Duration.ofSeconds(1)).orElseThrow();
        Thread.sleep(2_100);
        assertThat(get(shortLived).statusCode()).isEqualTo(403);
    }

    @Test
    void linksNameThePublicEndpointWhenOneIsSet() throws Exception {
        URI publicEndpoint = URI.create("http://127.0.0.1:" + server.port());
        S3Properties settings = server.settings("blobs-" + UUID.randomUUID()).withPublicEndpoint(publicEndpoint);
        try (S3BlobStore published = new S3BlobStore(settings).ensureBucket()) {
            published.put("validation/completed/j/results.csv", file("results.csv", CSV));
            URI link = published.downloadUrl("validation/completed/j/results.csv", "r.csv", Duration.ofMinutes(1))
                                .orElseThrow();
            assertThat(link.getHost()).isEqualTo("127.0.0.1");
            assertThat(link.getPath()).isEqualTo("/" + settings.bucket() + "/validation/completed/j/results.csv");
            assertThat(get(link).body()).isEqualTo(CSV.getBytes(StandardCharsets.UTF_8));
            assertThat(published.describe()).contains("download links via http://127.0.0.1:");
        }
    }

    /** 20 MiB in 5 MiB parts, checked by digest as streams. */
    @Test
    void aLargeFileGoesUpInPartsAndComesBackIdentical() throws Exception {
        Path large = dir.resolve("large.csv");
        String written = writeRandom(large, 20);
        String key = BlobKeys.resultsCsv(UUID.randomUUID().toString());

        store.put(key, large);

        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long bytes;
        try (InputStream in = new DigestInputStream(store.open(key), read)) {
            bytes = in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(bytes).isEqualTo(Files.size(large));
        assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(written);
        try (S3Client raw = rawClient()) {
            // a multipart object's ETag ends in "-<number of parts>": 20 MiB in 5 MiB parts
            assertThat(raw.headObject(b -> b.bucket(bucket).key(key)).eTag()).endsWith("-4\"");
        }
    }

    /**
     * The proof that nothing is held whole in memory: a JVM with a 24 MB heap stores a 40 MiB file and reads it
     * back, once as a single PutObject and once in parts.
     */
    @Test
    void aFileLargerThanTheHeapGoesUpAndComesBackInASmallJvm() throws Exception {
        Path large = dir.resolve("larger-than-the-heap.csv");
        String written = writeRandom(large, 40);
        for (String partSizeMb : new String[] {"64", "5"}) {
            String key = "validation/completed/" + UUID.randomUUID() + "/results.csv";
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx24m", "-cp", System.getProperty("java.class.path"), LargeBlobRoundTrip.class.getName(),
                    server.endpoint().toString(), S3ProxyServer.ACCESS_KEY, server.secretKey(), bucket, partSizeMb,
                    large.toString(), key)
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).as("part size " + partSizeMb + " MB").contains("sha256=" + written);
        }
    }

    /** Writes {@code mebibytes} of random bytes block by block; answers their SHA-256. */
    private static String writeRandom(Path file, int mebibytes) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mebibytes * 16; i++) {
                random.nextBytes(block);
                digest.update(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void theDescriptionNamesTheBucketButNeverTheSecret() {
        assertThat(store.describe()).contains("S3 bucket blobs-").contains("path-style")
                                    .doesNotContain(server.secretKey());
        assertThat(server.settings("b").toString()).doesNotContain(server.secretKey());
    }

    @Test
    void fileNamesCannotBreakOutOfTheContentDisposition() {
        assertThat(BlobContentTypes.attachment("a\"; filename=evil.exe\r\nX-Injected: 1.csv"))
                .isEqualTo("attachment; filename=\"a_; filename=evil.exe__X-Injected: 1.csv\"; "
                        + "filename*=UTF-8''a%22%3B%20filename%3Devil.exe%0D%0AX-Injected%3A%201.csv");
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(UUID.randomUUID() + "-" + name), content);
    }

    private static HttpResponse<byte[]> get(URI link) throws Exception {
        return http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static S3Client rawClient() {
        return S3Client.builder()
                       .region(Region.US_EAST_1)
                       .endpointOverride(server.endpoint())
                       .forcePathStyle(true)
                       .credentialsProvider(StaticCredentialsProvider.create(
                               AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, server.secretKey())))
                       .build();
    }
}
