package dev.mailsift.web.platform.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailsift.web.platform.idempotency.Idempotent;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the OpenAPI document ({@code /v3/api-docs}) says once for every operation: the security schemes, the
 * capability tags, the shared {@code Problem} schema; and the customizers that give each operation its tag, its
 * security and its problems ({@link ProblemDocumentation}). The operations' own words are on their handlers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String ACCESS_TOKEN = "accessToken";
    static final String API_KEY = "apiKey";
    static final String REFRESH_COOKIE = "refreshCookie";
    static final String PROBLEM_SCHEMA_REF = "#/components/schemas/Problem";

    /** The tags, one per capability: a handler's tag is the capability package it lives in. */
    private static final Map<String, String> CAPABILITIES = Map.of(
            "accounts", "Sign-up, sign-in and sessions, the caller's own account, two-factor sign-in and API keys.",
            "jobs", "Lists to verify (upload, preview, progress, results) and single-address verification.",
            "billing", "Prices, Stripe Checkout and Billing Portal, subscriptions, invoices and the credit ledger.",
            "webhooks", "Signed outbound notifications: endpoints, secrets, deliveries and their retries.",
            "audit", "The event history: the caller's own, and for auditors and operators all of it, verified.",
            "admin", "Operators only: accounts, credits, dead letters and read-model replays.",
            "platform", "What serves every capability.");

    /** Words an operation's id leaves out of its summary. */
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    /** Parameters that mean the same wherever they appear, described once. */
    private static final Map<String, String> PARAMETERS = Map.ofEntries(
            Map.entry("page", "The page to answer, from 0."),
            Map.entry("size", "How many items a page holds."),
            Map.entry("limit", "How many items to answer at most."),
            Map.entry("after", "The cursor: `next_after` of the previous page; absent for the first."),
            Map.entry("jobId", "The job's id, as the upload answered it (at most 64 characters)."),
            Map.entry("userId", "The account's id."),
            Map.entry("keyId", "The API key's id."),
            Map.entry("endpointId", "The webhook endpoint's id."),
            Map.entry("messageId", "The webhook message's id (`webhook-id`)."),
            Map.entry("as_of", "An ISO-8601 instant: the state as it was then. Default: now."),
            Map.entry("type", "Event names, comma-separated (at most 20)."),
            Map.entry("from", "An ISO-8601 instant, inclusive."),
            Map.entry("to", "An ISO-8601 instant, exclusive."),
            Map.entry("payload", "`current` (the default: upcast to the current revision) or `stored` (as written)."),
            Map.entry("aggregate_id", "Only the events of this aggregate (a user's, job's or chunk's id)."),
            Map.entry("aggregateId", "The aggregate's id (a user's, job's or chunk's id)."),
            Map.entry("aggregateType", "`User`, `BatchJob`, `ValidationChunk`, `WebhookEndpoints` or `BillingCustomer`."),
            Map.entry("correlation_id", "Only the events of one request and what followed from it."),
            Map.entry("header_row", "Whether the first row holds column names; absent: detected."),
            Map.entry("email_column", "The column of the addresses: a header name or a 1-based number; absent: "
                    + "detected."),
            Map.entry("format", "`csv` (the default) or `xlsx`."));

    static final String IDEMPOTENCY_KEY_REF = "#/components/parameters/IdempotencyKey";

    /**
     * Schemas named as the API's JSON is written (snake_case): springdoc reads types with its own mapper unless
     * given one. A copy, because the resolver registers its own mix-ins on the mapper it gets; in the OpenAPI
     * version springdoc writes, or the schemas lose their {@code type}.
     */
    @Bean
    ModelResolver snakeCaseModels(ObjectMapper json, SpringDocConfigProperties springdoc) {
        return new ModelResolver(json.copy()).openapi31(springdoc.isOpenapi31());
    }

    @Bean
    OpenAPI mailSiftOpenApi() {
        return new OpenAPI()
                .info(new Info().title("MailSift API").version("v1").description(
                        "Email-list verification: upload lists or verify one address, pay with credits, follow jobs "
                                + "live, receive signed webhooks and read the audited event history. JSON bodies "
                                + "use snake_case. Every error is an RFC 9457 problem document "
                                + "(`application/problem+json`) whose stable `type` is a URN listed in docs/api.md: "
                                + "branch on `type`, never on `detail`."))
                .tags(CAPABILITIES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                                  .map(tag -> new Tag().name(tag.getKey()).description(tag.getValue())).toList())
                .components(new Components()
                        .addSecuritySchemes(ACCESS_TOKEN, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("An access token from `POST /api/v1/auth/token` (15 minutes), as "
                                        + "`Authorization: Bearer <token>`."))
                        .addSecuritySchemes(API_KEY, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("An API key (`ms_live_…`) from `POST /api/v1/api-keys`, as `X-API-Key` "
                                        + "or as `Authorization: Bearer ms_live_…`."))
                        .addSecuritySchemes(REFRESH_COOKIE, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE).name("ms_refresh")
                                .description("The refresh cookie set by sign-in; honoured only with the header "
                                        + "`X-MailSift-CSRF: 1`."))
                        .addSchemas("Problem", problemSchema())
                        .addParameters("IdempotencyKey", new Parameter().in("header").name(Idempotent.HEADER)
                                .required(false).schema(new StringSchema().maxLength(Idempotent.MAX_KEY_LENGTH))
                                .description("Makes a retry safe: the same request sent again with the same key "
                                        + "(any string of at most 255 characters, e.g. a UUID) within 24 hours is "
                                        + "done once, and answers what the first answered, with "
                                        + "`Idempotent-Replayed: true`. The key sent with another request (method, "
                                        + "path, query or body) answers `409 idempotency-key-reused`. A request "
                                        + "that failed keeps nothing: retry it with the same key.")));
    }

    /** The operations marked {@link Idempotent} name the one shared {@code Idempotency-Key} header parameter. */
    @Bean
    OperationCustomizer idempotencyKeys() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(Idempotent.class) && operation.getParameters() != null) {
                operation.getParameters().replaceAll(parameter -> Idempotent.HEADER.equals(parameter.getName())
                        && "header".equals(parameter.getIn()) ? new Parameter().$ref(IDEMPOTENCY_KEY_REF) : parameter);
            }
            return operation;
        };
    }

    /** Each operation's tag is its capability, unless its handler method names one itself. */
    @Bean
    OperationCustomizer capabilityTags() {
        return (operation, handler) -> {
            // springdoc names a tag after the controller class by default; a capability is what a reader looks for
            if (!handler.hasMethodAnnotation(io.swagger.v3.oas.annotations.tags.Tag.class)) {
                operation.setTags(new ArrayList<>());
                String name = handler.getBeanType().getPackageName();
                String capability = name.replaceFirst("^dev\\.mailsift\\.web\\.", "").split("\\.")[0];
                operation.addTagsItem(CAPABILITIES.containsKey(capability) ? capability : "platform");
            }
            return operation;
        };
    }

    /**
     * An access token or an API key, unless the operation is {@link PublicOperation} or names its own scheme (the
     * two-factor endpoints take no API key).
     */
    @Bean
    OperationCustomizer securityRequirements() {
        return (operation, handler) -> {
            if (!ProblemDocumentation.isPublic(handler)
                    && (operation.getSecurity() == null || operation.getSecurity().isEmpty())) {
                operation.addSecurityItem(new SecurityRequirement().addList(ACCESS_TOKEN))
                         .addSecurityItem(new SecurityRequirement().addList(API_KEY));
            }
            return operation;
        };
    }

    /**
     * The operation's id, which a generated client makes a method of, from its summary ("Read a job": {@code readJob})
     * rather than springdoc's handler name with a number for each clash ({@code get1}, {@code list2}).
     */
    @Bean
    OperationCustomizer operationIds() {
        return (operation, handler) -> {
            if (operation.getSummary() != null && !operation.getSummary().isBlank()) {
                StringBuilder id = new StringBuilder();
                for (String word : operation.getSummary().replaceAll("[^A-Za-z0-9 ]", "").split(" +")) {
                    if (word.isEmpty() || ARTICLES.contains(word.toLowerCase())) {
                        continue;
                    }
                    id.append(id.isEmpty() ? word.toLowerCase()
                            : Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase());
                }
                operation.setOperationId(id.toString());
            }
            return operation;
        };
    }

    /** Parameters of a well-known name that their handler left undescribed. */
    @Bean
    OperationCustomizer parameterDescriptions() {
        return (operation, handler) -> {
            if (operation.getParameters() != null) {
                for (Parameter parameter : operation.getParameters()) {
                    if (parameter.getName() != null
                            && (parameter.getDescription() == null || parameter.getDescription().isBlank())) {
                        parameter.setDescription(PARAMETERS.get(parameter.getName()));
                    }
                }
            }
            return operation;
        };
    }

    @Bean
    OperationCustomizer problemDocumentation() {
        return new ProblemDocumentation();
    }

    private static ObjectSchema problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().description("The field or parameter, as sent."));
        error.addProperty("message", new StringSchema().description("What is wrong with it."));
        ObjectSchema problem = new ObjectSchema();
        problem.description("An RFC 9457 problem document. Branch on `type`; `title` is fixed per type; `detail` is "
                + "for people and may change.");
        problem.addProperty("type", new StringSchema().format("uri")
                                                      .example("urn:mailsift:problem:validation")
                                                      .description("The stable problem type, a URN."));
        problem.addProperty("title", new StringSchema().description("The type's fixed title."));
        problem.addProperty("status", new IntegerSchema().description("The HTTP status."));
        problem.addProperty("detail", new StringSchema().description("What happened this time, for people."));
        problem.addProperty("instance", new StringSchema().format("uri").description("The request's path."));
        problem.addProperty("errors", new ArraySchema().items(error)
                                                       .description("Validation problems: each field at fault."));
        problem.required(List.of("type", "title", "status"));
        return problem;
    }
}
