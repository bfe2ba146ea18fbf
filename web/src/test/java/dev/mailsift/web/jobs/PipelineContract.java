package dev.mailsift.web.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.engine.support.ScriptedSmtpServer;
import dev.mailsift.engine.support.TestDnsServer;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestMailServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.xbill.DNS.Rcode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batch pipeline over HTTP, end to end: upload → intake → credits reserved → chunks verified against a real
 * DNS responder and a real SMTP server (both in-process, on loopback) → results file → credits settled.
 */
abstract class PipelineContract {

    /** Started once per JVM and shared by the test classes (loopback only). */
    static final TestDnsServer DNS;
    static final ScriptedSmtpServer SMTP;

    static {
        try {
            DNS = new TestDnsServer()
                    .mx("inbox-one.com", 10, "mx.inbox-one.com")
                    .a("mx.inbox-one.com", "127.0.0.1")
                    .rcode("no-such-domain-e2e.com", Rcode.NXDOMAIN)
                    .rcode("servfail-e2e.com", Rcode.SERVFAIL);
            SMTP = ScriptedSmtpServer.start("127.0.0.1", 0, false, recipient ->
                    recipient.toLowerCase().startsWith("ada@") || recipient.toLowerCase().startsWith("row")
                            ? ScriptedSmtpServer.ACCEPT
                            : new ScriptedSmtpServer.Reject(550, "5.1.1 no such user"));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The list of the happy path: each row a different outcome, in a deliberate order. */
    static final String LIST = """
            name,email,note
            Ada,ada@inbox-one.com,"=HYPERLINK(""x"")"
            Bob,bob@inbox-one.com,gone
            Cy,cy@no-such-domain-e2e.com,nxdomain
            Dup,ADA@inbox-one.com,duplicate
            Junk,not an address,junk
            Eve,eve@servfail-e2e.com,dns down
            Nobody,,blank
            """;

    @LocalServerPort
    int port;
    ApiClient api;

    static void pipelineProperties(DynamicPropertyRegistry registry) {
        registry.add("mailsift.pipeline.engine.dns-server", () -> "127.0.0.1:" + DNS.port());
        registry.add("mailsift.pipeline.engine.smtp-port", SMTP::port);
        registry.add("mailsift.pipeline.engine.smtp-probe", () -> "on");
        registry.add("mailsift.pipeline.engine.connect-timeout", () -> "PT2S");
        registry.add("mailsift.pipeline.engine.command-timeout", () -> "PT2S");
        registry.add("mailsift.pipeline.chunk-size", () -> "2");
        // sign-up codes go to the in-process mail server, so tests can confirm customers of their own
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aListComesBackWithAVerdictPerRowInTheOriginalOrderAndTheRightCreditsCaptured() throws Exception {
        Operator operator = operatorWithCredits(100);
        String token = operator.token();
        long before = operator.available();

        Reply submitted = api.upload("/api/v1/jobs", token, "contacts.csv", LIST.getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(submitted.status()).isEqualTo(202);
        String jobId = submitted.json().get("id").asText();

        JsonNode job = awaitFinished(token, jobId);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("rows_total").asLong()).isEqualTo(7);
        assertThat(job.get("rows_to_check").asLong()).isEqualTo(5);
        assertThat(job.get("duplicates").asLong()).isEqualTo(1);
        assertThat(job.get("rows_done").asLong()).isEqualTo(5);
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.get("counts").get("deliverable").asLong()).isEqualTo(1);
        assertThat(job.get("counts").get("undeliverable").asLong()).isEqualTo(3);
        assertThat(job.get("counts").get("unknown").asLong()).isEqualTo(1);
        assertThat(job.get("reasons").get("mailbox_not_found").asLong()).isEqualTo(1);
        assertThat(job.get("reasons").get("no_domain").asLong()).isEqualTo(1);
        assertThat(job.get("reasons").get("dns_error").asLong()).isEqualTo(1);
        // reserved: 4 plausible unique addresses; captured: all but the unknown one
        assertThat(job.get("credits_reserved").asLong()).isEqualTo(4);
        assertThat(job.get("credits_captured").asLong()).isEqualTo(3);

        Reply csv = api.get("/api/v1/jobs/" + jobId + "/results?format=csv", token);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("name,email,note,status,reason,");
        assertThat(lines).hasSize(8);
        assertThat(lines.get(1)).startsWith("Ada,ada@inbox-one.com,\"'=HYPERLINK(\"\"x\"\")\",deliverable,accepted,");
        assertThat(lines.get(2)).startsWith("Bob,bob@inbox-one.com,gone,undeliverable,mailbox_not_found,");
        assertThat(lines.get(3)).startsWith("Cy,cy@no-such-domain-e2e.com,nxdomain,undeliverable,no_domain,");
        assertThat(lines.get(4)).startsWith("Dup,ADA@inbox-one.com,duplicate,deliverable,accepted,");
        assertThat(lines.get(5)).startsWith("Junk,not an address,junk,undeliverable,bad_syntax,");
        assertThat(lines.get(6)).startsWith("Eve,eve@servfail-e2e.com,dns down,unknown,dns_error,");
        assertThat(lines.get(7)).startsWith("Nobody,,blank,");

        // the XLSX is made from the stored CSV as it streams: every row, the one without an address too
        HttpResponse<byte[]> xlsx = download(token, jobId, "format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/vnd.openxmlformats");
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow()).contains("contacts-results.xlsx");
        String sheet = partOf(xlsx.body(), "xl/worksheets/sheet1.xml");
        assertThat(sheet.split("<row ", -1)).hasSize(1 + 8);
        assertThat(sheet).contains("ada@inbox-one.com", "&apos;=HYPERLINK(&quot;x&quot;)", "mailbox_not_found",
                "Nobody");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode account = api.get("/api/v1/account", token).json();
            assertThat(account.get("credits_available").asLong()).isEqualTo(before - 3);
            assertThat(account.get("credits_reserved").asLong()).isZero();
        });
    }

    @Test
    void resultsFilteredByStatusHoldOnlyThoseRowsUnderTheHeaderAndAnUnknownStatusIsRefused() throws Exception {
        String token = operatorWithCredits(100).token();
        String jobId = api.upload("/api/v1/jobs", token, "contacts.csv", bytes(LIST), Map.of()).json().get("id")
                          .asText();
        assertThat(awaitFinished(token, jobId).get("status").asText()).isEqualTo("completed");

        Reply csv = api.get("/api/v1/jobs/" + jobId + "/results?format=csv&status=deliverable,unknown", token);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("contacts-results.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("name,email,note,status,reason,");
        assertThat(lines.get(1)).startsWith("Ada,ada@inbox-one.com,\"'=HYPERLINK(\"\"x\"\")\",deliverable,accepted,");
        assertThat(lines.get(2)).startsWith("Dup,ADA@inbox-one.com,duplicate,deliverable,accepted,");
        assertThat(lines.get(3)).startsWith("Eve,eve@servfail-e2e.com,dns down,unknown,dns_error,");

        List<String> undeliverable = api.get("/api/v1/jobs/" + jobId + "/results?status=undeliverable", token)
                                        .body().lines().toList();
        assertThat(undeliverable).hasSize(4);
        assertThat(undeliverable.subList(1, 4)).allSatisfy(line -> assertThat(line).contains(",undeliverable,"));
        assertThat(api.get("/api/v1/jobs/" + jobId + "/results?status=risky", token).body().lines().toList())
                .containsExactly(lines.get(0));

        HttpResponse<byte[]> xlsx = download(token, jobId, "format=xlsx&status=unknown");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vnd.openxmlformats");
        // the header's cells are shared strings, the rows' inline strings, as in the stored XLSX
        assertThat(partOf(xlsx.body(), "xl/sharedStrings.xml")).contains("normalized_email");
        assertThat(partOf(xlsx.body(), "xl/worksheets/sheet1.xml")).contains("eve@servfail-e2e.com")
                         .doesNotContain("ada@inbox-one.com").doesNotContain("bob@inbox-one.com");

        Reply refused = api.get("/api/v1/jobs/" + jobId + "/results?status=deliverable,maybe", token);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:mailsift:problem:validation");
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("status");
        assertThat(api.get("/api/v1/jobs/" + jobId + "/results?status=", token).status()).isEqualTo(400);
        // someone else's job stays 404, filtered or not
        String stranger = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery").token();
        assertThat(api.get("/api/v1/jobs/" + jobId + "/results?status=deliverable", stranger).status())
                .isEqualTo(404);
    }

    private HttpResponse<byte[]> download(String token, String jobId, String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/jobs/" + jobId + "/results?" + query))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A part of an XLSX file (read as a file: the writer streams entries a zip stream cannot size). */
    private static String partOf(byte[] xlsx, String name) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("results-", ".xlsx");
        try (var zip = new java.util.zip.ZipFile(java.nio.file.Files.write(file, xlsx).toFile())) {
            var part = zip.getEntry(name);
            if (part != null) {
                return new String(zip.getInputStream(part).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        throw new AssertionError("no " + name + " in the XLSX");
    }

    @Test
    void theCreditsAListUsesShowOnTodayInTheDailyUsageOfItsOwnerOnly() {
        String token = operatorWithCredits(100).token();
        long before = usedToday(token);
        String jobId = api.upload("/api/v1/jobs", token, "usage.csv", bytes(LIST), Map.of()).json().get("id")
                          .asText();
        assertThat(awaitFinished(token, jobId).get("credits_captured").asLong()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(usedToday(token)).isEqualTo(before + 3));

        JsonNode days = api.get("/api/v1/account/usage", token).json().get("days");
        assertThat(days).hasSize(30);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i < 30; i++) {
            assertThat(days.get(i).get("date").asText()).isEqualTo(today.minusDays(29 - i).toString());
        }
        assertThat(api.get("/api/v1/account/usage?days=90", token).json().get("days")).hasSize(90);

        // someone who spent nothing sees every day, each at zero
        String stranger = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery").token();
        JsonNode strangersDays = api.get("/api/v1/account/usage?days=7", stranger).json().get("days");
        assertThat(strangersDays).hasSize(7);
        assertThat(strangersDays).allSatisfy(day -> assertThat(day.get("credits_used").asLong()).isZero());
        assertThat(strangersDays.get(6).get("date").asText()).isEqualTo(today.toString());

        for (String wrong : List.of("0", "500", "-1", "many")) {
            Reply refused = api.get("/api/v1/account/usage?days=" + wrong, token);
            assertThat(refused.status()).as("days=" + wrong).isEqualTo(400);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:mailsift:problem:validation");
        }
        assertThat(api.get("/api/v1/account/usage?days=0", token).json().get("errors").get(0).get("field").asText())
                .isEqualTo("days");
        assertThat(api.get("/api/v1/account/usage", null).status()).isEqualTo(401);
    }

    private long usedToday(String token) {
        JsonNode days = api.get("/api/v1/account/usage", token).json().get("days");
        return days.get(days.size() - 1).get("credits_used").asLong();
    }

    @Test
    void aListLargerThanTheBalanceIsRejectedAndNothingIsCharged() {
        Operator operator = operatorWithCredits(1);
        String token = operator.token();
        long before = operator.available();
        StringBuilder list = new StringBuilder("email\n");
        for (long i = 0; i <= before; i++) {
            list.append("row").append(i).append("@inbox-one.com\n");
        }
        String jobId = api.upload("/api/v1/jobs", token, "big.csv", bytes(list.toString()), Map.of())
                          .json().get("id").asText();
        JsonNode job = awaitFinished(token, jobId);
        assertThat(job.get("status").asText()).isEqualTo("rejected");
        assertThat(job.get("rejection_reason").asText()).isEqualTo("insufficient_credits");
        assertThat(job.get("detail").asText()).contains((before + 1) + " credits");
        awaitAvailable(token, before);
    }

    /** The free preview reads a list as intake would, and stores and charges nothing. */
    @Test
    void aPreviewShowsWhatAListWouldCostAndStoresNothing() {
        Operator operator = operatorWithCredits(10);
        String token = operator.token();
        long before = operator.available();
        long jobsBefore = api.get("/api/v1/jobs", token).json().get("total").asLong();
        String crmExport = "Contacts export,\n\nName,E-mail\nAda,ada@inbox-one.com\nBob,bob@inbox-one.com\n"
                + "Ada again,ADA@inbox-one.com\nBroken,not-an-address\nNobody,\n";

        Reply preview = api.upload("/api/v1/jobs/preview", token, "crm.csv", bytes(crmExport), Map.of());

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode read = preview.json();
        assertThat(read.get("format").asText()).isEqualTo("csv");
        assertThat(read.get("header")).extracting(JsonNode::asText).containsExactly("Name", "E-mail");
        assertThat(read.get("email_column").asInt()).isEqualTo(1);
        assertThat(read.get("rows").asLong()).isEqualTo(5);
        assertThat(read.get("unique").asLong()).isEqualTo(3);
        assertThat(read.get("duplicates").asLong()).isEqualTo(1);
        assertThat(read.get("blank").asLong()).isEqualTo(1);
        assertThat(read.get("credits").asLong()).isEqualTo(2); // the broken address costs nothing
        assertThat(read.get("sample").get(0)).extracting(JsonNode::asText).containsExactly("Ada", "ada@inbox-one.com");
        assertThat(api.get("/api/v1/jobs", token).json().get("total").asLong()).isEqualTo(jobsBefore);
        awaitAvailable(token, before);

        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        Reply unreadable = api.upload("/api/v1/jobs/preview", token, "photo.csv", binary, Map.of());
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.json().get("detail").asText()).contains("unreadable_file");
        assertThat(api.upload("/api/v1/jobs/preview", null, "crm.csv", bytes(crmExport), Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void anUnreadableFileIsRejectedWithAClearReason() {
        Operator operator = operatorWithCredits(10);
        String token = operator.token();
        long before = operator.available();
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        String jobId = api.upload("/api/v1/jobs", token, "photo.csv", binary, Map.of()).json().get("id").asText();
        JsonNode job = awaitFinished(token, jobId);
        assertThat(job.get("status").asText()).isEqualTo("rejected");
        assertThat(job.get("rejection_reason").asText()).isEqualTo("unreadable_file");
        assertThat(job.get("detail").asText()).isNotBlank();
        awaitAvailable(token, before);
        assertThat(api.get("/api/v1/jobs/" + jobId + "/results", token).status()).isEqualTo(404);
    }

    @Test
    void someoneElsesJobAnswers404Everywhere() {
        String owner = operatorWithCredits(10).token();
        String jobId = api.upload("/api/v1/jobs", owner, "mine.csv", LIST.getBytes(StandardCharsets.UTF_8), Map.of())
                          .json().get("id").asText();
        String stranger = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery").token();

        assertThat(api.get("/api/v1/jobs/" + jobId, stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs/" + jobId + "/results", stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs/" + jobId + "/progress", stranger).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/jobs/" + jobId + "/cancel", stranger, "").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs", stranger).json().get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/jobs/" + jobId, null).status()).isEqualTo(401);
        assertThat(awaitFinished(owner, jobId).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aRetriedUploadWithTheSameIdempotencyKeyStartsOneJob() {
        String token = operatorWithCredits(10).token();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        String first = api.upload("/api/v1/jobs", token, "a.csv", LIST.getBytes(StandardCharsets.UTF_8), key)
                          .json().get("id").asText();
        String second = api.upload("/api/v1/jobs", token, "a.csv", LIST.getBytes(StandardCharsets.UTF_8), key)
                           .json().get("id").asText();
        assertThat(second).isEqualTo(first);
        awaitFinished(token, first);
    }

    @Test
    void theProgressStreamEndsWithTheFinishedJob() throws Exception {
        String token = operatorWithCredits(10).token();
        String jobId = api.upload("/api/v1/jobs", token, "live.csv", LIST.getBytes(StandardCharsets.UTF_8), Map.of())
                          .json().get("id").asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + jobId
                        + "/progress"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        List<String> data = CompletableFuture.supplyAsync(() -> response.join().body()
                                                                        .filter(line -> line.startsWith("data:"))
                                                                        .toList())
                                             .get(60, TimeUnit.SECONDS);
        assertThat(data).isNotEmpty();
        assertThat(data.get(data.size() - 1)).contains("\"status\":\"completed\"");
    }

    @Test
    void oneAddressIsVerifiedWhileTheCallerWaitsAndUnknownIsFree() {
        Operator operator = operatorWithCredits(5);
        String token = operator.token();

        Reply deliverable = api.post("/api/v1/verifications", token, Map.of("email", "ada@inbox-one.com"));
        assertThat(deliverable.status()).isEqualTo(200);
        assertThat(deliverable.json().get("status").asText()).isEqualTo("deliverable");
        assertThat(deliverable.json().get("reason").asText()).isEqualTo("accepted");
        assertThat(deliverable.json().get("mx_host").asText()).isEqualTo("mx.inbox-one.com");
        assertThat(deliverable.json().get("credits_charged").asLong()).isEqualTo(1);

        Reply unknown = api.post("/api/v1/verifications", token, Map.of("email", "eve@servfail-e2e.com"));
        assertThat(unknown.json().get("status").asText()).isEqualTo("unknown");
        assertThat(unknown.json().get("credits_charged").asLong()).isZero();

        awaitAvailable(token, operator.available() - 1);

        Reply blank = api.post("/api/v1/verifications", token, Map.of("email", ""));
        assertThat(blank.status()).isEqualTo(400);
        String broke = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery").token();
        Reply refused = api.post("/api/v1/verifications", broke, Map.of("email", "ada@inbox-one.com"));
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:mailsift:problem:insufficient-credits");
    }

    /**
     * The operator account (confirmed by the bootstrap), granted {@code credits} more; its balance as the User
     * aggregate reports it (the read model may lag).
     */
    Operator operatorWithCredits(long credits) {
        String token = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        String id = api.get("/api/v1/account", token).json().get("id").asText();
        // earlier tests' jobs settle their reservations just after they complete: start from a settled balance
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get("/api/v1/account", token).json().get("credits_reserved").asLong() == 0);
        long available = api.post("/api/v1/admin/users/" + id + "/credits", token,
                Map.of("amount", credits, "reason", "test")).json().get("credits_available").asLong();
        return new Operator(token, available);
    }

    record Operator(String token, long available) {
    }

    void awaitAvailable(String token, long expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/v1/account", token).json().get("credits_available").asLong()).isEqualTo(expected));
    }

    JsonNode awaitFinished(String token, String jobId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = api.get("/api/v1/jobs/" + jobId, token).json();
            return List.of("completed", "rejected", "failed", "cancelled").contains(last[0].get("status").asText());
        });
        return last[0];
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
