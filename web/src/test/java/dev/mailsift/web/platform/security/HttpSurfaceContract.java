package dev.mailsift.web.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailsift.web.support.AccessContract;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Reply;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.RawHttp;
import dev.mailsift.web.support.RawHttp.Answer;
import dev.mailsift.web.support.TestAccounts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.mailsift.web.support.TestAccounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every client meets at the HTTP surface: CORS, security headers, bounded bodies, strict JSON, the OpenAPI
 * document, and hostile requests (each the caller's mistake: a 4xx problem document, never a 500 or an HTML page). Run
 * on the embedded default and on the real PostgreSQL and RabbitMQ by {@code EmbeddedHttpSurfaceTest} and
 * {@code PostgresRabbitHttpSurfaceTest}.
 */
interface HttpSurfaceContract extends AccessContract {

    @Test
    default void onlyAllowListedOriginsPassCorsPreflight() {
        Map<String, String> allowed = Map.of("Origin", ALLOWED_ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");
        Reply ok = api().send("OPTIONS", "/api/v1/api-keys", null, allowed, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(ok.header("Access-Control-Allow-Credentials")).isEqualTo("true");

        // a browser client reads what a program reads: where a job is, its budget, whether an answer was replayed
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        Reply read = api().get("/api/v1/account", user.token(), Map.of("Origin", ALLOWED_ORIGIN));
        assertThat(read.header("Access-Control-Expose-Headers")).contains("Location", "Retry-After",
                "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Idempotent-Replayed");

        Reply evil = api().send("OPTIONS", "/api/v1/api-keys", null, Map.of("Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST"), null);
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
    }

    /** A paging parameter out of its range is the caller's mistake: a 400 problem naming it, never a 500. */
    @Test
    default void pagingParametersOutOfRangeAreProblemsNamingTheParameter() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);

        for (String query : List.of("size=101", "size=0", "page=-1")) {
            Reply reply = api().get("/api/v1/jobs?" + query, user.token());
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json().get("type").asText()).isEqualTo("urn:mailsift:problem:validation");
            assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo(query.split("=")[0]);
        }
    }

    /**
     * Every list answers page by page ({@code page}/{@code size}) or by cursor ({@code after}/{@code limit}), and a
     * page, size or limit outside its documented range is a 400 problem naming it, never clamped or a 500.
     */
    @Test
    default void everyListRefusesAPageSizeOrLimitOutsideItsRange() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String operator = api().signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        Map<String, List<String>> outOfRange = new java.util.LinkedHashMap<>();
        outOfRange.put("/api/v1/jobs", List.of("page=100001", "size=101", "size=0", "page=-1"));
        outOfRange.put("/api/v1/webhooks/ep_none/deliveries", List.of("page=10001", "size=101", "size=0"));
        outOfRange.put("/api/v1/billing/ledger", List.of("page=100001", "size=201", "size=0"));
        outOfRange.put("/api/v1/billing/invoices", List.of("limit=101", "limit=0"));
        outOfRange.put("/api/v1/account/history", List.of("limit=501", "limit=0", "after=-1"));
        String job = "/api/v1/jobs/" + api().upload("/api/v1/jobs", user.token(), "list.csv", LIST, Map.of()).json()
                                           .get("id").asText() + "/history";
        // the job's own history, once its owner can read it (a missing job answers 404 before its parameters)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                                 .until(() -> api().get(job, user.token()).status() == 200);
        outOfRange.put(job, List.of("limit=501", "limit=0"));
        outOfRange.put("/api/v1/admin/users", List.of("page=100001", "size=201", "size=0"));
        outOfRange.put("/api/v1/admin/dead-letters", List.of("limit=1001", "limit=0"));
        outOfRange.put("/api/v1/audit/events", List.of("limit=501", "limit=0", "after=x"));
        outOfRange.put("/api/v1/audit/reads", List.of("limit=501", "limit=0"));
        outOfRange.forEach((path, queries) -> queries.forEach(query -> {
            String token = path.startsWith("/api/v1/admin") || path.startsWith("/api/v1/audit") ? operator
                    : user.token();
            Reply reply = api().get(path + "?" + query, token);
            assertProblem(reply, 400, "validation", path + "?" + query);
            assertThat(reply.body()).as(path + "?" + query).contains(query.split("=")[0]);
        }));
    }

    /** Found by the fuzzer: the firewall refused the form's parameter names inside Spring MVC, which answered 500. */
    @Test
    default void aFormBodyWhoseParameterNamesHoldControlCharactersIsARejectedRequest() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        Reply reply = api().send("POST", "/api/v1/api-keys", user.token(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "{\"label\":\"x\"}\n{\"a\":1}");
        assertProblem(reply, 400, "request-rejected", "a newline in a form parameter's name");
    }

    @Test
    default void responsesCarrySecurityHeadersAndOversizedBodiesAreRefused() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        Reply reply = api().get("/api/v1/account", user.token());
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(reply.header("Content-Security-Policy")).contains("default-src 'self'")
                                                           .contains("frame-ancestors 'none'");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(reply.header("Cache-Control")).contains("no-store");

        String huge = "{\"label\": \"" + "x".repeat(70_000) + "\"}";
        Reply tooLarge = api().post("/api/v1/api-keys", user.token(), huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("type").asText()).isEqualTo("urn:mailsift:problem:payload-too-large");
    }

    @Test
    default void theOpenApiDocumentListsEveryAccountsAndSecurityEndpoint() {
        JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("/api/v1/auth/token", List.of("post")),
                Map.entry("/api/v1/auth/refresh", List.of("post")),
                Map.entry("/api/v1/auth/logout", List.of("post")),
                Map.entry("/api/v1/auth/confirm-email", List.of("post")),
                Map.entry("/api/v1/auth/confirm-email/resend", List.of("post")),
                Map.entry("/api/v1/auth/password-reset", List.of("post")),
                Map.entry("/api/v1/auth/password-reset/confirm", List.of("post")),
                Map.entry("/api/v1/account", List.of("get", "patch")),
                Map.entry("/api/v1/account/password", List.of("post")),
                Map.entry("/api/v1/account/avatar", List.of("get", "put")),
                Map.entry("/api/v1/account/totp", List.of("post", "delete")),
                Map.entry("/api/v1/account/totp/confirm", List.of("post")),
                Map.entry("/api/v1/api-keys", List.of("get", "post")),
                Map.entry("/api/v1/api-keys/{keyId}", List.of("delete")),
                Map.entry("/api/v1/admin/users", List.of("get")),
                Map.entry("/api/v1/admin/users/{userId}/suspend", List.of("post")),
                Map.entry("/api/v1/admin/users/{userId}/reinstate", List.of("post")));
        expected.forEach((path, methods) -> {
            assertThat(paths.has(path)).as(path).isTrue();
            methods.forEach(method -> assertThat(paths.get(path).has(method)).as(method + " " + path).isTrue());
        });
    }

    byte[] LIST = "email\nalice@example.com\n".getBytes(StandardCharsets.UTF_8);

    /** A problem document of {@code type} with status {@code status}, whoever answered. */
    static void assertProblem(int status, String contentType, String body, int expectedStatus, String type,
                              String what) {
        assertThat(status).as(what + ": " + body).isEqualTo(expectedStatus);
        assertThat(contentType).as(what).startsWith(ApiClient.PROBLEM_JSON);
        assertThat(body).as(what).contains("\"type\":\"urn:mailsift:problem:" + type + "\"");
    }

    static void assertProblem(Reply reply, int status, String type, String what) {
        assertProblem(reply.status(), reply.contentType(), reply.body(), status, type, what);
    }

    static void assertProblem(Answer answer, int status, String type, String what) {
        assertProblem(answer.status(), answer.contentType(), answer.body(), status, type, what);
    }

    /** The one {@code errors} entry of a 400 names {@code field}. */
    static void assertNames(Reply reply, String field, String what) {
        assertThat(reply.json().get("errors").get(0).get("field").asText()).as(what + ": " + reply.body())
                                                                           .isEqualTo(field);
    }

    @Test
    default void tooLongOrUnknownParametersAreProblemsNamingTheParameterNeverA500() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);

        Reply farPage = api().get("/api/v1/jobs?page=100001", user.token());
        assertProblem(farPage, 400, "validation", "page=100001");
        assertNames(farPage, "page", "page=100001");
        for (String jobId : List.of("j".repeat(65), "j".repeat(8192))) {
            for (Reply reply : List.of(api().get("/api/v1/jobs/" + jobId, user.token()),
                    api().post("/api/v1/jobs/" + jobId + "/cancel", user.token(), Map.of()),
                    api().get("/api/v1/jobs/" + jobId + "/progress", user.token()))) {
                assertProblem(reply, 400, "validation", "job id of " + jobId.length());
                assertNames(reply, "job_id", "job id of " + jobId.length());
            }
        }
        Reply pdf = api().get("/api/v1/jobs/any/results?format=pdf", user.token());
        assertProblem(pdf, 400, "validation", "format=pdf");
        assertNames(pdf, "format", "format=pdf");
        Reply column = api().upload("/api/v1/jobs?email_column=" + "c".repeat(300), user.token(), "list.csv", LIST,
                Map.of());
        assertProblem(column, 400, "validation", "email_column");
        assertNames(column, "email_column", "email_column");
        Reply key = api().upload("/api/v1/jobs", user.token(), "list.csv", LIST,
                Map.of("Idempotency-Key", "k".repeat(300)));
        assertProblem(key, 400, "validation", "Idempotency-Key");
        assertNames(key, "idempotency_key", "Idempotency-Key");
    }

    @Test
    default void aFileNameWithANulCharacterOrACutOffMultipartBodyIsAProblemNamingTheFile() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        Reply nul = api().upload("/api/v1/jobs", user.token(), "list\u0000.csv", LIST, Map.of());
        assertProblem(nul, 400, "malformed-request", "NUL in filename");
        assertNames(nul, "file", "NUL in filename");

        String extended = "--b0\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''list%00.csv\r\n"
                + "Content-Type: text/csv\r\n\r\nemail\nalice@example.com\n\r\n--b0--\r\n";
        String cutOff = "--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nemail\nalice@exa";
        for (String body : List.of(extended, cutOff)) {
            byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
            Answer answer = new RawHttp(port()).send("POST /api/v1/jobs HTTP/1.1\r\nAuthorization: Bearer "
                    + user.token() + "\r\nContent-Type: multipart/form-data; boundary=b0\r\nContent-Length: "
                    + bytes.length, bytes);
            assertProblem(answer, 400, "malformed-request", body);
            assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("file");
        }
        assertThat(api().get("/api/v1/jobs", user.token()).json().get("total").asLong()).isZero();
    }

    /** Refused by Tomcat before Spring sees the request: a problem document, not Tomcat's HTML page. */
    @Test
    default void requestsTheServletContainerRefusesAreProblemDocuments() {
        RawHttp raw = new RawHttp(port());
        Map<String, String> requests = Map.of(
                "NUL in a header", "GET /api/v1/account HTTP/1.1\r\nX-Note: a\u0000b",
                "headers over 16 KB", "GET /api/v1/account HTTP/1.1\r\nX-Note: " + "h".repeat(20_000),
                "encoded slash", "GET /api/v1/jobs/a%2Fb HTTP/1.1",
                "encoded NUL", "GET /api/v1/jobs/a%00b HTTP/1.1",
                "overlong UTF-8 dot", "GET /api/%c0%ae%c0%ae/v1/account HTTP/1.1",
                "encoded backslash", "GET /api/v1/account%5c HTTP/1.1");
        requests.forEach((what, head) -> {
            Answer answer = raw.send(head);
            assertProblem(answer, 400, "request-rejected", what);
            assertThat(answer.body()).as(what).doesNotContain("<html").doesNotContain("Tomcat");
        });
    }

    /** Refused by Spring Security's firewall: a problem document, not Spring's default JSON error. */
    @Test
    default void pathsTheFirewallRefusesAreProblemDocuments() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        RawHttp raw = new RawHttp(port());
        for (String path : List.of("//api/v1/account", "/api/./v1/account", "/api/v1/account;x=1",
                "/api/v1/../v1/account", "/api/v1/%2e%2e/v1/account")) {
            Answer answer = raw.send("GET " + path + " HTTP/1.1\r\nAuthorization: Bearer " + user.token());
            assertProblem(answer, 400, "request-rejected", path);
            assertThat(answer.json().has("timestamp")).as(path).isFalse();
        }
    }

    @Test
    default void methodsTheServiceNeverServesAnswer405Problems() {
        RawHttp raw = new RawHttp(port());
        for (String method : List.of("TRACE", "PROPFIND", "MKCOL")) {
            for (String path : List.of("/api/v1/account", "/")) {
                Answer answer = raw.send(method + " " + path + " HTTP/1.1");
                assertProblem(answer, 405, "method-not-allowed", method + " " + path);
                assertThat(answer.headers().get("Allow")).as(method).contains("GET").doesNotContain(method);
                assertThat(answer.json().get("instance").asText()).isEqualTo(path);
            }
        }
    }

    @Test
    default void jsonBodiesAreStrictAndEveryRefusalNamesTheField() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String operator = api().signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        Map<String, String> json = Map.of("Content-Type", "application/json");

        Reply trailingPatch = api().send("PATCH", "/api/v1/account", user.token(), json,
                "{\"first_name\": \"Ada\"} trailing");
        assertProblem(trailingPatch, 400, "malformed-request", "trailing garbage on PATCH");
        Reply trailingPost = api().post("/api/v1/verifications", user.token(), "{\"email\": \"a@example.com\"}}");
        assertProblem(trailingPost, 400, "malformed-request", "trailing garbage on POST");
        assertThat(api().get("/api/v1/account", user.token()).json().path("first_name").asText()).isNotEqualTo("Ada");

        Map<String, String> wrongTypes = Map.of(
                "/api/v1/verifications", "{\"email\": 42}",
                "/api/v1/api-keys", "{\"label\": true}",
                "/api/v1/admin/users/" + user.userId() + "/credits", "{\"amount\": 1.5, \"reason\": \"support\"}");
        Map<String, String> fields = Map.of("/api/v1/verifications", "email", "/api/v1/api-keys", "label",
                "/api/v1/admin/users/" + user.userId() + "/credits", "amount");
        wrongTypes.forEach((path, body) -> {
            Reply reply = api().post(path, path.contains("admin") ? operator : user.token(), body);
            assertProblem(reply, 400, "malformed-request", body);
            assertNames(reply, fields.get(path), body);
        });
        Reply textAmount = api().post("/api/v1/admin/users/" + user.userId() + "/credits", operator,
                "{\"amount\": \"5\", \"reason\": \"support\"}");
        assertProblem(textAmount, 400, "malformed-request", "amount as text");
        assertNames(textAmount, "amount", "amount as text");
        Reply unknown = api().post("/api/v1/api-keys", user.token(), "{\"label\": \"ci\", \"scopes\": [\"all\"]}");
        assertProblem(unknown, 400, "malformed-request", "unknown field");
        assertNames(unknown, "scopes", "unknown field");

        // nothing was granted or issued by any of them
        assertThat(api().get("/api/v1/account", user.token()).json().get("credits_available").asLong()).isZero();
        assertThat(api().get("/api/v1/api-keys", user.token()).json().get("api_keys")).isEmpty();
    }

    @Test
    default void aChunkedJsonBodyOverTheLimitAnswers413LikeADeclaredOne() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        byte[] huge = ("{\"label\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Answer tooLarge = new RawHttp(port()).send("POST /api/v1/api-keys HTTP/1.1\r\nAuthorization: Bearer "
                + user.token() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunked(huge));
        assertProblem(tooLarge, 413, "payload-too-large", "chunked body over 64 KiB");

        byte[] small = "{\"label\": \"chunked\"}".getBytes(StandardCharsets.UTF_8);
        Answer fine = new RawHttp(port()).send("POST /api/v1/api-keys HTTP/1.1\r\nAuthorization: Bearer "
                + user.token() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunked(small));
        assertThat(fine.status()).as(fine.body()).isEqualTo(201);
        assertThat(fine.json().get("label").asText()).isEqualTo("chunked");
    }

    private static byte[] chunked(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 8192) {
            int length = Math.min(8192, body.length - offset);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    default void onlyHealthIsPublicAndMetricsNeedAnOperatorOrTheScrapeCredential() {
        Session user = api().signUp(uniqueEmail(), PASSWORD);
        String operator = api().signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);
        for (String health : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(api().get(health, null).status()).as(health).isEqualTo(200);
        }
        for (String endpoint : List.of("/actuator/prometheus", "/actuator/info", "/actuator/metrics",
                "/actuator/env")) {
            assertProblem(api().get(endpoint, null), 401, "unauthorized", "anonymous " + endpoint);
            assertProblem(api().get(endpoint, user.token()), 403, "forbidden", "user " + endpoint);
        }
        assertProblem(api().get("/actuator/prometheus", "not-" + METRICS_TOKEN), 401, "unauthorized",
                "a wrong scrape credential");
        // the scrape credential opens the metrics and nothing else
        assertProblem(api().get("/actuator/env", METRICS_TOKEN), 401, "unauthorized", "scrape credential on env");

        Reply scraped = api().get("/actuator/prometheus", METRICS_TOKEN);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("# TYPE jvm_memory_used_bytes");
        assertThat(api().get("/actuator/prometheus", operator).status()).isEqualTo(200);
    }

    @Test
    default void theProgressStreamOfSomeoneElsesOrAMissingJobAnswers404AtOnce() {
        Session owner = api().signUp(uniqueEmail(), PASSWORD);
        Session other = api().signUp(uniqueEmail(), PASSWORD);
        Reply uploaded = api().upload("/api/v1/jobs", owner.token(), "list.csv", LIST, Map.of());
        assertThat(uploaded.status()).isEqualTo(202);
        String jobId = uploaded.json().get("id").asText();

        for (String path : List.of("/api/v1/jobs/" + jobId + "/progress", "/api/v1/jobs/no-such-job/progress")) {
            long started = System.nanoTime();
            Reply reply = api().get(path, other.token());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertProblem(reply, 404, "not-found", path);
            assertThat(took).as(path).isLessThan(Duration.ofMillis(1500));
        }
    }

    /** A client that follows the upload's {@code Location} at once finds its job, never a 404. */
    @Test
    default void aJobIsFoundAtItsLocationRightAfterItsUpload() {
        Session owner = api().signUp(uniqueEmail(), PASSWORD);
        Session other = api().signUp(uniqueEmail(), PASSWORD);
        for (int i = 0; i < 5; i++) {
            Reply uploaded = api().upload("/api/v1/jobs", owner.token(), "list-" + i + ".csv", LIST, Map.of());
            assertThat(uploaded.status()).isEqualTo(202);
            Reply job = api().get(uploaded.header("Location"), owner.token());
            assertThat(job.status()).as(job.body()).isEqualTo(200);
            assertThat(job.json().get("id").asText()).isEqualTo(uploaded.json().get("id").asText());
            assertThat(job.json().get("file_name").asText()).isEqualTo("list-" + i + ".csv");
            assertProblem(api().get(uploaded.header("Location"), other.token()), 404, "not-found", "another's job");
        }
    }

    @Test
    default void lookAlikeAddressesAreRefusedAndEveryAddressIsStoredInOneSpelling() {
        for (String twin : List.of("ops\u200b@mailsift.test", "\u202eops@mailsift.test", "\ufeffops@mailsift.test",
                "ops@mail\u2066sift.test", "o\u200dps@mailsift.test")) {
            Reply reply = api().post("/api/v1/users", null, Map.of("email", twin, "password", PASSWORD));
            assertProblem(reply, 400, "validation", "sign-up as " + twin.codePoints().boxed().toList());
            assertNames(reply, "email", "sign-up");
            Reply signIn = api().post("/api/v1/auth/token", null, Map.of("email", twin, "password", PASSWORD));
            assertProblem(signIn, 400, "validation", "sign-in as a twin");
            Reply reset = api().post("/api/v1/auth/password-reset", null, Map.of("email", twin));
            assertProblem(reset, 400, "validation", "reset for a twin");
        }

        // a decomposed é (e + U+0301) and an upper-case domain are the same mailbox as the usual spelling
        String local = "jose\u0301-" + java.util.UUID.randomUUID();
        Reply decomposed = api().post("/api/v1/users", null,
                Map.of("email", local + "@EXAMPLE.COM", "password", PASSWORD));
        assertThat(decomposed.status()).as(decomposed.body()).isEqualTo(201);
        String stored = java.text.Normalizer.normalize(local, java.text.Normalizer.Form.NFC) + "@example.com";
        assertThat(decomposed.json().get("email").asText()).isEqualTo(stored);
        Reply twin = api().post("/api/v1/users", null, Map.of("email", stored, "password", PASSWORD));
        assertProblem(twin, 409, "email-taken", "the composed spelling of the same address");
        assertThat(api().signIn(local + "@example.com", PASSWORD)).isNotBlank();
    }
}
