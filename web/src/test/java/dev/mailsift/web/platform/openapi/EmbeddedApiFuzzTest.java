package dev.mailsift.web.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.MailSiftApplication;
import dev.mailsift.web.platform.openapi.FuzzRequests.Operation;
import dev.mailsift.web.platform.openapi.FuzzRequests.Request;
import dev.mailsift.web.support.ApiClient;
import dev.mailsift.web.support.ApiClient.Session;
import dev.mailsift.web.support.EmbeddedTestProperties;
import dev.mailsift.web.support.TestAccounts;
import dev.mailsift.web.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The specification-driven fuzzer: for every operation of the served OpenAPI document, requests drawn from its
 * schemas (well-formed ones and hostile ones) sent as a confirmed user, with the user's API key, anonymously, with
 * forged credentials and as an operator. Whatever is sent, the service never answers 5xx, and every 4xx is an
 * RFC 9457 problem document with a {@code type}. Bounded: {@code mailsift.fuzz.tries} requests per operation and
 * caller, at most {@code mailsift.fuzz.seconds} in all; {@code mailsift.fuzz.seed} replays a run (see decision 0041).
 */
@SpringBootTest(classes = MailSiftApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class EmbeddedApiFuzzTest {

    private static final long SEED = Long.getLong("mailsift.fuzz.seed", 20261201L);
    private static final int TRIES = Integer.getInteger("mailsift.fuzz.tries", 8);
    private static final Duration BUDGET = Duration.ofSeconds(Integer.getInteger("mailsift.fuzz.seconds", 120));
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The one 5xx a request may get: this deployment has no Stripe account, which is the operator's doing, not the
     * caller's (and Stripe retries its webhook until it is configured).
     */
    private static final String NOT_CONFIGURED = "urn:mailsift:problem:billing-not-configured";

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedTestProperties.register(registry, Files.createTempDirectory("mailsift-fuzz-"));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMailServer::port);
        // whatever address a fuzzed verification names, the engine asks nobody but a closed loopback port
        registry.add("mailsift.pipeline.engine.dns-server", () -> "127.0.0.1:9");
        registry.add("mailsift.pipeline.engine.smtp-probe", () -> "off");
    }

    /** Who sends a request: the headers that say so. */
    private record Caller(String name, Map<String, String> headers) {
    }

    @Test
    void noRequestDrawnFromTheDocumentGetsA5xxOrA4xxThatIsNotAProblemDocument() throws Exception {
        ApiClient api = new ApiClient(port);
        JsonNode document = api.get("/v3/api-docs", null).json();
        Session user = confirmedUser(api);
        Session bystander = api.signUp(TestAccounts.uniqueEmail(), "correct horse battery");
        String apiKey = api.post("/api/v1/api-keys", user.token(), Map.of("label", "fuzz")).json().get("key")
                           .asText();
        String operator = api.signIn(TestAccounts.ADMIN_EMAIL, TestAccounts.ADMIN_PASSWORD);

        // the operator comes last: what it does to the user (suspension, roles) must not hide the user's paths
        List<Caller> callers = List.of(
                new Caller("user", Map.of("Authorization", "Bearer " + user.token())),
                new Caller("api key", Map.of("X-API-Key", apiKey)),
                new Caller("anonymous", Map.of()),
                new Caller("forged", Map.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")),
                new Caller("operator", Map.of("Authorization", "Bearer " + operator)));

        System.out.printf("API fuzz: seed %d (replay with -Dmailsift.fuzz.seed=%d), %d tries per operation and "
                + "caller, at most %s%n", SEED, SEED, TRIES, BUDGET);
        Random random = new Random(SEED);
        FuzzRequests requests = new FuzzRequests(document, random, List.of(user.userId(), bystander.userId()));
        List<Operation> operations = FuzzRequests.operations(document);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, List<String>> findings = new LinkedHashMap<>();
        long start = System.nanoTime();
        int sent = 0;
        for (int c = 0; c < callers.size(); c++) {
            // each caller gets its share of the budget, so a slow one cannot starve the operator's turn
            long deadline = start + BUDGET.toNanos() * (c + 1) / callers.size();
            Caller caller = callers.get(c);
            for (int i = 0; i < TRIES && System.nanoTime() < deadline; i++) {
                for (Operation operation : operations) {
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                    Request request = requests.next(operation);
                    String finding = check(http, caller, request, statuses);
                    sent++;
                    if (finding != null) {
                        findings.computeIfAbsent(operation + " as " + caller.name() + ": " + finding,
                                key -> new ArrayList<>()).add(request.replay());
                    }
                }
            }
        }
        System.out.printf("API fuzz: %d requests to %d operations in %d s; statuses %s; %d findings%n", sent,
                operations.size(), Duration.ofNanos(System.nanoTime() - start).toSeconds(), statuses,
                findings.size());
        findings.forEach((finding, examples) -> System.out.printf("  %s (%d×), e.g. %s%n", finding, examples.size(),
                examples.getFirst()));

        assertThat(sent).as("requests sent").isGreaterThanOrEqualTo(operations.size() * callers.size());
        assertThat(findings).as("5xx answers and 4xx answers that are not problem documents (seed " + SEED + ")")
                            .isEmpty();
    }

    /** Sends the request; null when the answer is acceptable, else what is wrong with it. */
    private String check(HttpClient http, Caller caller, Request request, Map<Integer, Integer> statuses) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + request.target())).timeout(Duration.ofSeconds(20));
        caller.headers().forEach(builder::header);
        request.headers().forEach(builder::header);
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            statuses.merge(0, 1, Integer::sum);
            return "no answer (" + e.getClass().getSimpleName() + ")";
        }
        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500 && !(status == 503 && problemType(response).equals(NOT_CONFIGURED))) {
            return status + " " + problemType(response);
        }
        if (status >= 400 && status < 500) {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (!contentType.startsWith(ApiClient.PROBLEM_JSON)) {
                return status + " as " + (contentType.isEmpty() ? "no content type" : contentType);
            }
            if (problemType(response).isBlank()) {
                return status + " problem without a type";
            }
        }
        return null;
    }

    private static String problemType(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("type").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private static Session confirmedUser(ApiClient api) {
        String email = TestAccounts.uniqueEmail().toLowerCase();
        Session user = api.signUp(email, "correct horse battery");
        String code = TestMailServer.codeIn(TestMailServer.awaitMessage(email, 1));
        assertThat(api.post("/api/v1/auth/confirm-email", null, Map.of("email", email, "code", code)).status())
                .isEqualTo(200);
        return user;
    }
}
