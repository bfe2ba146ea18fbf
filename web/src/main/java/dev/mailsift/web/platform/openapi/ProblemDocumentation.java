package dev.mailsift.web.platform.openapi;

import dev.mailsift.web.platform.idempotency.Idempotent;
import dev.mailsift.web.platform.problem.ProblemType;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes into every operation the problems it can answer: those that follow from what it is (authenticated, takes a
 * JSON body or an upload, names a resource in its path, a command rather than a read) and those its handler
 * declares with {@link ProblemResponse}. Each is an {@code application/problem+json} response of the shared
 * {@code Problem} schema with one example per type, so a client sees which {@code type}s to branch on.
 */
class ProblemDocumentation implements OperationCustomizer {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private record Problem(int status, ProblemType type, String when) {
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean open = isPublic(handler);
        boolean read = handler.hasMethodAnnotation(GetMapping.class);
        List<Problem> problems = new ArrayList<>();
        problems.add(new Problem(400, ProblemType.REQUEST_REJECTED,
                "The request line or headers were refused before anything else ran (a `..` segment, an encoded "
                        + "slash, a control character in a header)."));
        if (!open) {
            problems.add(new Problem(401, ProblemType.UNAUTHORIZED,
                    "Authentication is required: no token or API key, or one that is expired, revoked or not ours."));
            problems.add(new Problem(403, ProblemType.FORBIDDEN,
                    "Signed in, but this operation is not open to the caller's role or kind of credential."));
            problems.add(new Problem(403, ProblemType.ACCOUNT_SUSPENDED, "This account is suspended."));
            problems.add(new Problem(429, ProblemType.RATE_LIMITED,
                    "Over the per-minute budget of this user or API key; retry after `Retry-After` seconds."));
            problems.add(new Problem(429, ProblemType.CONCURRENCY_LIMITED,
                    "16 requests of this user or API key are already running; nothing was done."));
            problems.add(new Problem(503, ProblemType.UNAVAILABLE,
                    "Overloaded for a moment; nothing was done; retry after `Retry-After` seconds."));
            if (!read) {
                problems.add(new Problem(409, ProblemType.CONFLICT,
                        "Another node changed the account or job at the same moment; nothing was done; retry."));
                problems.add(new Problem(503, ProblemType.RESOURCE_BUSY,
                        "The account or job was busy with other requests for longer than 5 s; nothing was done."));
            }
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)
                    && parameter.getParameterType() != byte[].class) {
                problems.add(new Problem(400, ProblemType.MALFORMED_REQUEST,
                        "The body is not one JSON object of the documented shape (unknown field, wrong JSON type, "
                                + "trailing content); `errors` names the field."));
                problems.add(new Problem(413, ProblemType.PAYLOAD_TOO_LARGE, "The JSON body is over 64 KiB."));
                problems.add(new Problem(415, ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body was not sent as JSON."));
            }
            if (parameter.hasParameterAnnotation(RequestPart.class)) {
                problems.add(new Problem(400, ProblemType.MALFORMED_REQUEST,
                        "The multipart body could not be taken apart (cut off before its closing boundary, a NUL "
                                + "in the file name); `errors` names `file`."));
                problems.add(new Problem(413, ProblemType.PAYLOAD_TOO_LARGE, "The upload is too large."));
            }
            if (parameter.hasParameterAnnotation(PathVariable.class)) {
                problems.add(new Problem(404, ProblemType.NOT_FOUND,
                        "No such resource, or not the caller's: both answer alike."));
            }
            if (isValidated(parameter)) {
                problems.add(new Problem(400, ProblemType.VALIDATION,
                        "A field or parameter breaks a rule; `errors` names it and says which."));
            }
        }
        if (handler.hasMethodAnnotation(Idempotent.class)) {
            problems.add(new Problem(409, ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "The `Idempotency-Key` was sent before with another request (method, path, query or body); "
                            + "nothing was done."));
            problems.add(new Problem(409, ProblemType.CONFLICT,
                    "The first request with this `Idempotency-Key` is still running, or another node changed the "
                            + "account at the same moment; nothing was done; retry."));
        }
        ProblemResponseList declared = handler.getMethodAnnotation(ProblemResponseList.class);
        ProblemResponse single = handler.getMethodAnnotation(ProblemResponse.class);
        List<ProblemResponse> own = declared != null ? Arrays.asList(declared.value())
                : single != null ? List.of(single) : List.of();
        own.forEach(problem -> problems.add(new Problem(problem.status(), problem.type(), problem.when())));
        problems.add(new Problem(500, ProblemType.INTERNAL, "Our fault; it has been logged."));
        document(operation, problems);
        return operation;
    }

    static boolean isPublic(HandlerMethod handler) {
        return handler.hasMethodAnnotation(PublicOperation.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PublicOperation.class);
    }

    /** A JSON body checked with {@code @Valid}, or a parameter under a Bean Validation constraint. */
    private static boolean isValidated(MethodParameter parameter) {
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.startsWith("jakarta.validation.")) {
                return true;
            }
        }
        return false;
    }

    /** One response per status; a later problem of a type already there (a declared one) replaces its example. */
    private static void document(Operation operation, List<Problem> problems) {
        Map<Integer, Map<ProblemType, Problem>> byStatus = new TreeMap<>();
        problems.forEach(problem -> byStatus.computeIfAbsent(problem.status(), status -> new LinkedHashMap<>())
                                            .put(problem.type(), problem));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, ofStatus) -> {
            MediaType media = new MediaType().schema(new Schema<>().$ref(OpenApiConfig.PROBLEM_SCHEMA_REF));
            List<String> types = new ArrayList<>();
            ofStatus.values().forEach(problem -> {
                types.add("`" + problem.type().type() + "`");
                media.addExamples(problem.type().name().toLowerCase().replace('_', '-'),
                        new Example().summary(problem.type().type().toString()).value(example(problem)));
            });
            ApiResponse response = responses.get(String.valueOf(status));
            if (response == null) {
                response = new ApiResponse().description("A problem document of type " + String.join(", ", types) + ".");
                responses.addApiResponse(String.valueOf(status), response);
            }
            if (response.getContent() == null) {
                response.setContent(new Content());
            }
            response.getContent().addMediaType(PROBLEM_JSON, media);
        });
        operation.setResponses(responses);
    }

    private static Map<String, Object> example(Problem problem) {
        ProblemDetail detail = problem.type().toProblem(HttpStatusCode.valueOf(problem.status()), problem.when());
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", detail.getType().toString());
        example.put("title", detail.getTitle());
        example.put("status", detail.getStatus());
        example.put("detail", detail.getDetail());
        return example;
    }
}
