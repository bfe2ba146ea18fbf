package dev.mailsift.web.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;
import dev.mailsift.web.platform.problem.ProblemType;
import dev.mailsift.web.support.EmbeddedAccessService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document ({@code /v3/api-docs}) of the running service explains every operation: what it does, for
 * which capability, with which credential, and the problems it can answer. A new endpoint without its words fails
 * here.
 */
class EmbeddedOpenApiDocumentTest extends EmbeddedAccessService {

    private static final Set<String> CAPABILITIES =
            Set.of("accounts", "jobs", "billing", "webhooks", "audit", "admin", "platform");

    /** Deliberately open to anyone: no access token or API key (the refresh cookie at most). */
    private static final Set<String> PUBLIC = Set.of(
            "POST /api/v1/users",
            "POST /api/v1/auth/token",
            "POST /api/v1/auth/refresh",
            "POST /api/v1/auth/logout",
            "POST /api/v1/auth/confirm-email",
            "POST /api/v1/auth/confirm-email/resend",
            "POST /api/v1/auth/password-reset",
            "POST /api/v1/auth/password-reset/confirm",
            "GET /api/v1/auth/providers",
            "GET /api/v1/billing/catalogue",
            "POST /api/v1/billing/stripe-webhook");

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** The document as committed: the generated client is built from it (see decision 0040). */
    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final Path SERVED = Path.of("target", "openapi.json");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private JsonNode document;

    @BeforeEach
    void fetchTheDocument() throws IOException {
        var reply = api().get("/v3/api-docs", null);
        assertThat(reply.status()).isEqualTo(200);
        document = reply.json();
        // springdoc names the server it was asked through (a random port here): not part of the contract
        ((ObjectNode) document).remove("servers");
        Files.writeString(SERVED, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
    }

    @Test
    void everyOperationHasASummaryADescriptionACapabilityTagAndAUniqueId() {
        Set<String> operationIds = new HashSet<>();
        forEachOperation((operation, node) -> {
            assertThat(node.path("summary").asText()).as(operation + " summary").isNotBlank();
            assertThat(node.path("description").asText()).as(operation + " description").isNotBlank();
            assertThat(node.path("operationId").asText()).as(operation + " operationId").matches("[a-z][A-Za-z]+");
            assertThat(operationIds.add(node.path("operationId").asText())).as(operation + " operationId unique")
                                                                           .isTrue();
            assertThat(node.path("tags")).as(operation + " tags").isNotEmpty();
            node.path("tags").forEach(tag -> assertThat(CAPABILITIES).as(operation + " tag").contains(tag.asText()));
        });
    }

    @Test
    void everySchemaNamesItsPropertiesAsTheJsonIsWrittenInSnakeCase() {
        int properties = 0;
        for (var schema : (Iterable<Map.Entry<String, JsonNode>>) document.at("/components/schemas")::fields) {
            for (var property : (Iterable<String>) schema.getValue().path("properties")::fieldNames) {
                assertThat(property).as(schema.getKey()).matches("[a-z][a-z0-9_]*");
                properties++;
            }
        }
        assertThat(properties).isGreaterThan(100);
    }

    /** springdoc names a schema after its class's simple name: two records of one name would share one schema. */
    @Test
    void noTwoTypesOfTheApiShareASchemaName() {
        Map<String, Set<Class<?>>> byName = new TreeMap<>();
        mappings.getHandlerMethods().values().forEach(handler -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) {
                    collect(ResolvableType.forMethodParameter(parameter), byName);
                }
            }
            collect(ResolvableType.forMethodReturnType(handler.getMethod()), byName);
        });
        assertThat(byName).containsKeys("SignUpRequest", "JobResponse", "EmailConfirmRequest", "TotpConfirmRequest");
        byName.forEach((name, types) -> assertThat(types).as(name).hasSize(1));
    }

    /** The type, its type arguments and, for our records, their components' types. */
    private static void collect(ResolvableType type, Map<String, Set<Class<?>>> byName) {
        Class<?> raw = type.resolve();
        if (raw == null) {
            return;
        }
        for (ResolvableType argument : type.getGenerics()) {
            collect(argument, byName);
        }
        if (type.isArray()) {
            collect(type.getComponentType(), byName);
        }
        if (!raw.isRecord() || !raw.getName().startsWith("dev.mailsift.")) {
            return;
        }
        Schema named = raw.getAnnotation(Schema.class);
        String name = named != null && !named.name().isBlank() ? named.name() : raw.getSimpleName();
        if (byName.computeIfAbsent(name, key -> new HashSet<>()).add(raw)) {
            for (RecordComponent component : raw.getRecordComponents()) {
                collect(ResolvableType.forType(component.getGenericType()), byName);
            }
        }
    }

    @Test
    void everyOperationNeedsATokenOrAnApiKeyUnlessItIsDeliberatelyPublic() {
        Set<String> schemes = new TreeSet<>();
        document.path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);
        assertThat(schemes).containsExactlyInAnyOrder("accessToken", "apiKey", "refreshCookie");
        assertThat(document.path("security").isMissingNode() || document.path("security").isEmpty()).isTrue();

        Set<String> open = new TreeSet<>();
        forEachOperation((operation, node) -> {
            Set<String> required = new TreeSet<>();
            node.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(required::add));
            if (required.contains("accessToken") || required.contains("apiKey")) {
                return;
            }
            open.add(operation);
            assertThat(required).as(operation + " security").isSubsetOf(Set.of("refreshCookie"));
        });
        assertThat(open).containsExactlyInAnyOrderElementsOf(PUBLIC);
    }

    @Test
    void everyOperationDocumentsItsProblemsWithAnExampleOfAKnownTypeAndItsStatus() {
        Set<String> known = new TreeSet<>();
        Arrays.stream(ProblemType.values()).forEach(type -> known.add(type.type().toString()));
        assertThat(document.at("/components/schemas/Problem/properties").has("type")).isTrue();
        forEachOperation((operation, node) -> {
            int documented = 0;
            for (var response : (Iterable<Map.Entry<String, JsonNode>>) node.path("responses")::fields) {
                JsonNode problem = response.getValue().path("content").path("application/problem+json");
                if (problem.isMissingNode()) {
                    continue;
                }
                int status = Integer.parseInt(response.getKey());
                assertThat(status).as(operation + " problem status").isGreaterThanOrEqualTo(400);
                documented += status < 500 ? 1 : 0;
                assertThat(problem.path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/Problem");
                assertThat(problem.path("examples")).as(operation + " " + status + " examples").isNotEmpty();
                problem.path("examples").forEach(example -> {
                    JsonNode value = example.path("value");
                    assertThat(known).as(operation + " " + status).contains(value.path("type").asText());
                    assertThat(value.path("status").asInt()).as(operation + " example status").isEqualTo(status);
                    assertThat(value.path("detail").asText()).isNotBlank();
                });
            }
            assertThat(documented).as(operation + ": 4xx problem responses").isPositive();
        });
    }

    @Test
    void everyRequestMappingUnderTheApiIsAnOperationOfTheDocumentAndNothingElseIs() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> mapped.add(method.name() + " " + pattern))));
        Set<String> documented = new TreeSet<>();
        forEachOperation((operation, node) -> documented.add(operation));

        assertThat(mapped).hasSizeGreaterThanOrEqualTo(60);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(mapped);
    }

    @Test
    void theCommittedDocumentIsTheServedOne() throws IOException {
        assertThat(JSON.readTree(COMMITTED.toFile()).equals(document))
                .as("docs/openapi.json is not what the service serves: when the change is meant, copy "
                        + "web/target/openapi.json over it (the generated client is built from it)")
                .isTrue();
    }

    @Test
    void theApiGuideListsEveryProblemType() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "api.md"));
        for (ProblemType type : ProblemType.values()) {
            assertThat(guide).as(type.name()).contains("| `" + type.type() + "` |");
        }
    }

    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) document.path("paths")::fields) {
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (HTTP_METHODS.contains(operation.getKey())) {
                    check.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                }
            }
        }
    }
}
