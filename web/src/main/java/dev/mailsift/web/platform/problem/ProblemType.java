package dev.mailsift.web.platform.problem;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/**
 * The stable {@code type} of every error the API answers (RFC 9457). Clients branch on the type, never on the
 * wording of {@code detail}. Listed in docs/api.md.
 */
public enum ProblemType {
    VALIDATION("validation", "The request is not valid"),
    MALFORMED_REQUEST("malformed-request", "The request body could not be read"),
    REQUEST_REJECTED("request-rejected", "The request's line or headers are refused"),
    UNAUTHORIZED("unauthorized", "Authentication failed"),
    INVALID_CREDENTIALS("invalid-credentials", "Email or password is wrong"),
    FORBIDDEN("forbidden", "Not allowed"),
    NOT_FOUND("not-found", "No such resource"),
    EMAIL_TAKEN("email-taken", "An account with this email already exists"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    CONFLICT("conflict", "The request conflicts with the current state"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "The Idempotency-Key was sent with another request"),
    ACCOUNT_SUSPENDED("account-suspended", "This account is suspended"),
    INVALID_CODE("invalid-code", "The code is wrong or has expired"),
    RATE_LIMITED("rate-limited", "Too many requests"),
    CONCURRENCY_LIMITED("concurrency-limited", "Too many requests at once"),
    RESOURCE_BUSY("resource-busy", "Busy with other requests on the same account or job"),
    UNAVAILABLE("unavailable", "Temporarily unable to serve the request"),
    CSRF("csrf", "Cross-site request refused"),
    TOTP_REQUIRED("totp-required", "A two-factor code is required"),
    PAYLOAD_TOO_LARGE("payload-too-large", "The upload is too large"),
    INSUFFICIENT_CREDITS("insufficient-credits", "Not enough credits"),
    WEBHOOK_URL_REFUSED("webhook-url-refused", "Webhooks cannot be sent to this URL"),
    WEBHOOK_LIMIT_REACHED("webhook-limit-reached", "The account has as many webhook endpoints as it may have"),
    BILLING_NOT_CONFIGURED("billing-not-configured", "Payments are not set up on this service"),
    PAYMENT_PROVIDER_FAILED("payment-provider-failed", "The payment provider could not be reached"),
    INVALID_SIGNATURE("invalid-signature", "The request's signature does not verify"),
    INTERNAL("internal", "Something went wrong on our side");

    private static final String PREFIX = "urn:mailsift:problem:";

    private final URI type;
    private final String title;

    ProblemType(String slug, String title) {
        this.type = URI.create(PREFIX + slug);
        this.title = title;
    }

    public URI type() {
        return type;
    }

    /**
     * The type of an error known only by its status: one answered by the servlet container or the security firewall
     * before any controller ran.
     */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> REQUEST_REJECTED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405, 501 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? REQUEST_REJECTED : INTERNAL;
        };
    }

    public ProblemDetail toProblem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}
