package dev.mailsift.web.security;

import dev.mailsift.command.user.CodeLimitReachedException;
import dev.mailsift.command.user.InvalidCodeException;
import dev.mailsift.command.user.UnknownApiKeyException;
import dev.mailsift.web.problem.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem documents for the accounts-and-security failures; consulted before the general handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessProblemsAdvice {

    private final SessionCookies cookies;

    AccessProblemsAdvice(SessionCookies cookies) {
        this.cookies = cookies;
    }

    @ExceptionHandler(UnknownApiKeyException.class)
    ProblemDetail unknownKey(UnknownApiKeyException e) {
        return ProblemType.NOT_FOUND.toProblem(HttpStatus.NOT_FOUND, "No such API key.");
    }

    @ExceptionHandler(InvalidCodeException.class)
    ProblemDetail invalidCode(InvalidCodeException e) {
        return ProblemType.INVALID_CODE.toProblem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(CodeLimitReachedException.class)
    ResponseEntity<ProblemDetail> codeLimit(CodeLimitReachedException e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                             .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                             .body(ProblemType.RATE_LIMITED.toProblem(HttpStatus.TOO_MANY_REQUESTS,
                                     "Too many codes were sent recently. Retry after " + seconds + " seconds."));
    }

    @ExceptionHandler(AccountSuspendedException.class)
    ProblemDetail suspended(AccountSuspendedException e) {
        return ProblemType.ACCOUNT_SUSPENDED.toProblem(HttpStatus.FORBIDDEN,
                "This account is suspended. Contact support.");
    }

    @ExceptionHandler(CsrfRejectedException.class)
    ProblemDetail csrf(CsrfRejectedException e) {
        return ProblemType.CSRF.toProblem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    /** A refresh cookie that is missing, expired, revoked or reused. */
    @ExceptionHandler(BadCredentialsException.class)
    ResponseEntity<ProblemDetail> badRefreshToken(BadCredentialsException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                             .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                             .header(HttpHeaders.SET_COOKIE, cookies.clear())
                             .body(ProblemType.UNAUTHORIZED.toProblem(HttpStatus.UNAUTHORIZED,
                                     "The session has ended. Sign in again."));
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                             .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                             .body(ProblemType.RATE_LIMITED.toProblem(HttpStatus.TOO_MANY_REQUESTS,
                                     "Too many attempts. Retry after " + e.retryAfterSeconds() + " seconds."));
    }

    @ExceptionHandler(TotpRequiredException.class)
    ResponseEntity<ProblemDetail> totpRequired(TotpRequiredException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                             .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                             .body(ProblemType.TOTP_REQUIRED.toProblem(HttpStatus.UNAUTHORIZED, e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return ProblemType.FORBIDDEN.toProblem(HttpStatus.FORBIDDEN, "Your account may not perform this operation.");
    }

    @ExceptionHandler(UnacceptableUploadException.class)
    ResponseEntity<ProblemDetail> unacceptableUpload(UnacceptableUploadException e) {
        ProblemType type = switch (e.status()) {
            case UNSUPPORTED_MEDIA_TYPE -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case PAYLOAD_TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
            default -> ProblemType.VALIDATION;
        };
        return ResponseEntity.status(e.status()).body(type.toProblem(e.status(), e.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return ProblemType.CONFLICT.toProblem(HttpStatus.CONFLICT, e.getMessage());
    }
}
