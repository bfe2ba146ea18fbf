package dev.mailsift.web.platform.problem;

import dev.mailsift.command.RejectedCommandException;
import dev.mailsift.command.jobs.JobNotFoundException;
import dev.mailsift.command.accounts.EmailAlreadyRegisteredException;
import dev.mailsift.web.platform.fairness.AggregateBusyException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns every failure into an RFC 9457 problem document with a stable {@link ProblemType}. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Every failure that carries its own answer (see {@link ProblemException}). */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return ResponseEntity.status(e.status()).headers(e.headers()).body(e.toProblem());
    }

    @ExceptionHandler(EmailAlreadyRegisteredException.class)
    ProblemDetail emailTaken(EmailAlreadyRegisteredException e) {
        return ProblemType.EMAIL_TAKEN.toProblem(HttpStatus.CONFLICT, e.getMessage());
    }




    @ExceptionHandler(JobNotFoundException.class)
    ProblemDetail jobNotFound(JobNotFoundException e) {
        return ProblemType.NOT_FOUND.toProblem(HttpStatus.NOT_FOUND, "No such job.");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        return ProblemType.NOT_FOUND.toProblem(HttpStatus.NOT_FOUND, "No such resource.");
    }

    /** Domain rules broken by the request (validated in the aggregate): the message is written for the caller. */
    @ExceptionHandler(RejectedCommandException.class)
    ProblemDetail rejected(RejectedCommandException e) {
        return ProblemType.VALIDATION.toProblem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** The command never ran: its aggregate was busy for longer than the configured wait. */
    @ExceptionHandler(AggregateBusyException.class)
    ResponseEntity<ProblemDetail> aggregateBusy(AggregateBusyException e) {
        return retryable(ProblemType.RESOURCE_BUSY, HttpStatus.SERVICE_UNAVAILABLE, 1,
                "Other requests on the same account or job are being handled. Nothing was done; retry shortly.");
    }

    /** Another node appended to the same aggregate first; this command's changes were rolled back. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        log.info("Concurrent change rolled back: {}", e.getMessage());
        return retryable(ProblemType.CONFLICT, HttpStatus.CONFLICT, 1,
                "The account or job changed at the same moment. Nothing was done; retry.");
    }

    /** No database connection within the pool's timeout: nothing was done, and it passes. */
    @ExceptionHandler(CannotCreateTransactionException.class)
    ResponseEntity<ProblemDetail> noConnection(CannotCreateTransactionException e) {
        log.warn("No database connection for a request: {}", e.getMessage());
        return retryable(ProblemType.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, 2,
                "The service is overloaded right now. Nothing was done; retry shortly.");
    }

    /** Nothing was done, and the same request may be sent again after {@code Retry-After}. */
    private static ResponseEntity<ProblemDetail> retryable(ProblemType type, HttpStatus status, int retryAfterSeconds,
                                                           String detail) {
        return ResponseEntity.status(status)
                             .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
                             .body(type.toProblem(status, detail));
    }

    /**
     * Constraints on a {@code @Validated} controller's parameters (checked by a proxy rather than by Spring MVC):
     * the caller's mistake, named by the parameter, never a 500.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolated(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(violation -> Map.of("field", lastNode(violation.getPropertyPath()),
                        "message", String.valueOf(violation.getMessage())))
                .toList();
        return validationProblem(errors);
    }

    private static String lastNode(Path path) {
        String name = "";
        for (Path.Node node : path) {
            name = String.valueOf(node.getName());
        }
        return snakeCase(name);
    }

    /**
     * The firewall checks parameter names lazily: a form-encoded body whose names hold control characters is refused
     * only when Spring MVC reads it, inside the handler's arguments. The caller's mistake, as at the filter.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(ProblemType.REQUEST_REJECTED.toProblem(HttpStatus.BAD_REQUEST,
                "The request's parameters were refused: a parameter name or value holds a character that is not "
                        + "allowed."));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unhandled error", e);
        return ProblemType.INTERNAL.toProblem(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed. It has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", snakeCase(error.getField()),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return validationProblem(errors);
    }

    /** JSON bodies are snake_case: report {@code firstName} as the {@code first_name} the client sent. */
    static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** 400 with one {@code {field, message}} entry per broken constraint, field names as the client sent them. */
    private static ResponseEntity<Object> validationProblem(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemType.VALIDATION.toProblem(HttpStatus.BAD_REQUEST,
                "One or more fields are not valid.");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** Spring's method validation: used when a handler also constrains a header or path variable. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                parameterErrors.getFieldErrors().forEach(error -> errors.add(Map.of("field", snakeCase(error.getField()),
                        "message", String.valueOf(error.getDefaultMessage()))));
            } else {
                // snake_case, as the other parameter problems name it (a handler with a JSON body is validated here)
                String name = snakeCase(String.valueOf(result.getMethodParameter().getParameterName()));
                result.getResolvableErrors().forEach(error -> errors.add(Map.of("field", name,
                        "message", String.valueOf(error.getDefaultMessage()))));
            }
        }
        return validationProblem(errors);
    }

    /**
     * A body that is not JSON, or JSON of another shape (strict: no unknown fields, no coerced scalars, nothing after
     * the object): 400 naming the field when there is one.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemType.MALFORMED_REQUEST.toProblem(HttpStatus.BAD_REQUEST,
                "The body must be one JSON object of the documented shape, and nothing after it.");
        JsonBodyErrors.of(e.getCause()).ifPresent(error -> problem.setProperty("errors", List.of(error)));
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A multipart body Tomcat cannot take apart (a file name with a NUL character, a body that ends before its closing
     * boundary): the caller's mistake, never a 500. Too large an upload keeps its own 413.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        String message = hasCause(e, InvalidFileNameException.class)
                ? "The file name must not contain a NUL character."
                : "The multipart body could not be read: it ended early or is not well formed.";
        ProblemDetail problem = ProblemType.MALFORMED_REQUEST.toProblem(HttpStatus.BAD_REQUEST,
                "The upload must be one well-formed multipart/form-data body with the list in the part 'file'.");
        problem.setProperty("errors", List.of(Map.of("field", "file", "message", message)));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemType type = switch (e) {
            case NoResourceFoundException ignored -> ProblemType.NOT_FOUND;
            case HttpRequestMethodNotSupportedException ignored -> ProblemType.METHOD_NOT_ALLOWED;
            case HttpMediaTypeNotSupportedException ignored -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case MaxUploadSizeExceededException ignored -> ProblemType.PAYLOAD_TOO_LARGE;
            default -> status.is4xxClientError() ? ProblemType.VALIDATION : ProblemType.INTERNAL;
        };
        String detail = body instanceof ProblemDetail existing && existing.getDetail() != null
                ? existing.getDetail() : e.getMessage();
        return super.handleExceptionInternal(e, type.toProblem(status, detail), headers, status, request);
    }
}
