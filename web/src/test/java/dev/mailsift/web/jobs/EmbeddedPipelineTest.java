package dev.mailsift.web.jobs;

import dev.mailsift.MailSiftApplication;
import dev.mailsift.engine.results.ResultsWriter;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.EmbeddedTestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline on the embedded default: H2, in-process chunk workers, blobs on local disk. */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedPipelineTest extends PipelineIsolationContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-pipeline-"));
        pipelineProperties(registry);
    }

    /**
     * One row more than an XLSX sheet holds (one address over and over: one credit, one verification): the results
     * come back as CSV, every row of it, and an XLSX, filtered or not, is refused with the reason.
     */
    @Test
    void aListLongerThanASpreadsheetHoldsComesBackAsCsvAndItsXlsxIsRefused() throws Exception {
        String token = operatorWithCredits(10).token();
        long rows = ResultsWriter.XLSX_MAX_DATA_ROWS + 1;
        StringBuilder list = new StringBuilder((int) rows * 18 + 6).append("email\n");
        for (long row = 0; row < rows; row++) {
            list.append("ada@inbox-one.com\n");
        }
        String jobId = api.upload("/api/v1/jobs", token, "long.csv", list.toString().getBytes(StandardCharsets.UTF_8),
                Map.of()).json().get("id").asText();
        list.setLength(0);
        assertThat(awaitFinished(token, jobId).get("status").asText()).isEqualTo("completed");

        for (String query : new String[] {"format=xlsx", "format=xlsx&status=deliverable"}) {
            Reply refused = api.get("/api/v1/jobs/" + jobId + "/results?" + query, token);
            assertThat(refused.status()).as(query).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).contains("longer than a spreadsheet holds");
        }
        HttpResponse<java.util.stream.Stream<String>> csv = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs/" + jobId + "/results"))
                           .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(csv.statusCode()).isEqualTo(200);
        try (var lines = csv.body()) {
            assertThat(lines.count()).isEqualTo(rows + 1);
        }
    }
}
