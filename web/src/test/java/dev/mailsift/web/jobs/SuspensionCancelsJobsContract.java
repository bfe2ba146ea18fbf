package dev.mailsift.web.jobs;

import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.TestMailServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.ADMIN_EMAIL;
import static dev.mailsift.web.support.TestAccounts.ADMIN_PASSWORD;
import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suspending a user cancels the user's unfinished jobs, with the operator as the actor. Run on the embedded default
 * and on the real PostgreSQL and RabbitMQ by {@code EmbeddedSuspensionCancelsJobsTest} and
 * {@code PostgresRabbitSuspensionCancelsJobsTest}.
 */
interface SuspensionCancelsJobsContract extends AccessContract {

    @Test
    default void suspendingCancelsTheUsersUnfinishedJobs() throws Exception {
        String email = uniqueEmail().toLowerCase();
        Session user = api().signUp(email, PASSWORD);
        String code = TestMailServer.codeIn(TestMailServer.awaitMessage(email, 1));
        api().post("/api/v1/auth/confirm-email", null, Map.of("email", email, "code", code));
        String adminToken = api().signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        api().post("/api/v1/admin/users/" + user.userId() + "/credits", adminToken,
                Map.of("amount", 5000, "reason", "t"));
        StringBuilder list = new StringBuilder("email\n");
        // Small: on real services the chunks go through the broker's shared queue, and other suites use it too.
        for (int i = 0; i < 20; i++) {
            list.append("person").append(i).append("@mailsift-suspension-test.invalid\n");
        }
        Reply job = api().upload("/api/v1/jobs", user.token(), "file", "big.csv", "text/csv",
                list.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(job.status()).as(job.body()).isBetween(200, 299);
        String jobId = job.json().get("id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc().queryForObject(
                "SELECT COUNT(*) FROM job_view WHERE id = ?", Long.class, jobId) == 1);
        String before = jdbc().queryForObject("SELECT status FROM job_view WHERE id = ?", String.class, jobId);

        api().post("/api/v1/admin/users/" + user.userId() + "/suspend", adminToken, Map.of("reason", "abuse"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            Long unfinished = jdbc().queryForObject("SELECT COUNT(*) FROM job_view WHERE user_id = ? AND status IN "
                    + "('UPLOADED', 'ACCEPTED', 'QUEUED', 'VALIDATING')", Long.class, user.userId());
            assertThat(unfinished).as("jobs of a suspended user still running (was " + before + ")").isZero();
        });
        String after = jdbc().queryForObject("SELECT status FROM job_view WHERE id = ?", String.class, jobId);
        assertThat(after).isIn("CANCELLED", "COMPLETED", "FAILED", "REJECTED");
        if (after.equals("CANCELLED")) {
            String adminId = api().get("/api/v1/account", adminToken).json().get("id").asText();
            byte[] metadata = jdbc().queryForObject(
                    "SELECT metadata FROM domainevententry WHERE aggregateidentifier = ? "
                    + "AND payloadtype LIKE '%.JobCancelled'", byte[].class, jobId);
            assertThat(JSON.readTree(metadata).get("actor").asText()).as("cancelled because an operator suspended")
                                                                   .isEqualTo("user:" + adminId);
        }
        System.out.println("suspension test: job " + jobId + " was " + before + ", is " + after);
    }
}
